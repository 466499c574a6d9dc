// The invitation's QR code scans back to the link: each code drawn by qrPath is rasterised and read
// with an independent decoder (jsQR), for real join links and for random text (property test).
import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../src/join/qr-path.js';

/** Draws the path's rectangles at `scale` pixels per module, black on white, as RGBA pixels. */
function rasterise(code: { size: number; path: string }, scale = 4): { data: Uint8ClampedArray; width: number } {
  const width = code.size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const m of code.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-?\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) data.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
    }
  }
  return { data, width };
}

const read = (text: string): string | undefined => {
  const { data, width } = rasterise(qrPath(text));
  return jsQR(data, width, width)?.data;
};

describe('the invitation QR code', () => {
  it('scans back to a real join link (a signed join token in it) with a four-module quiet zone', () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${'eyJyb29tIjoiaGlnaC1zdHJlZXQiLCJyb2xlIjoicGFydGljaXBhbnQiLCJraW5kIjoiam9pbiJ9'.repeat(2)}.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU`;
    const link = `https://workshops.example.gov.uk/high-street/?room=high-street&token=${token}`;
    expect(read(link)).toBe(link);
    const { size, path } = qrPath(link);
    // Nothing drawn in the quiet zone.
    for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
      expect(Math.min(x, y)).toBeGreaterThanOrEqual(4);
      expect(Math.max(x + w, y + 1)).toBeLessThanOrEqual(size - 4);
    }
  });

  it('scans back to any text a link can hold: Welsh, emoji, RTL, markup (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        expect(read(text)).toBe(text);
      }),
      { seed: 20_261_129, numRuns: 60 },
    );
    for (const text of ['Gweithdy’r stryd fawr — ŵ ŷ', 'مرحبا بالجميع', '<script>alert(1)</script>', '🎨🚌🌳']) expect(read(text)).toBe(text);
  });

  it('refuses text too long for any QR code with an error (the element then shows the link alone)', () => {
    expect(() => qrPath('x'.repeat(100_000))).toThrow();
  });
});

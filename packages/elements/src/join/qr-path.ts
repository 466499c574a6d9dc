import { correction, generate } from 'lean-qr/nano';

/** Modules of white space around the code (the standard's quiet zone). */
const QUIET_ZONE = 4;

/**
 * A QR code as one SVG path (no DOM here): medium error correction or better, and a four-module
 * quiet zone, so it still scans when projected on a wall or printed on a handout. `size` counts
 * the quiet zone; the path draws each run of dark modules of a row as one rectangle.
 */
export function qrPath(text: string): { size: number; path: string } {
  const code = generate(text, { minCorrectionLevel: correction.M });
  const size = code.size + 2 * QUIET_ZONE;
  let path = '';
  for (let y = 0; y < code.size; y++) {
    let x = 0;
    while (x < code.size) {
      if (!code.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < code.size && code.get(x, y)) x++;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  return { size, path };
}

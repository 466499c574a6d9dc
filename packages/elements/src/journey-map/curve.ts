import { svg, type SVGTemplateResult } from 'lit';
import { EMOTION_MAX, EMOTION_MIN, emotionCurvePath, type CurvePoint } from '@coproduce/core';

/** How a feeling is written: "+2", "0", "−1" (a real minus sign). */
export function formatScore(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

export interface CurveOptions {
  /** Width of one stage in the drawing's units (the picture is scaled to its box). */
  readonly stageWidth: number;
  /** Height of the drawing in the same units. */
  readonly height: number;
  /** Font size of the score labels, in the same units. */
  readonly fontSize: number;
  /** A stage to highlight (the phone view's current stage). */
  readonly highlight?: number;
}

/**
 * The feelings curve: one point per stage with a feeling, joined by a smooth curve that never
 * overshoots (core's `emotionCurvePath`), a dashed line at neutral, and each score written by its
 * point. The drawing itself is hidden from assistive technology: the caller gives the `<svg>` a
 * `role="img"` and a label listing every score in words.
 */
export function curveContent(values: readonly (number | null)[], options: CurveOptions): SVGTemplateResult {
  const { stageWidth, height, fontSize } = options;
  const pad = fontSize * 1.6;
  const yFor = (v: number): number => pad + ((EMOTION_MAX - v) / (EMOTION_MAX - EMOTION_MIN)) * (height - pad * 2);
  const xFor = (i: number): number => i * stageWidth + stageWidth / 2;
  const points: CurvePoint[] = values.map((v, i) => (v === null ? null : { x: xFor(i), y: yFor(v) }));
  const d = emotionCurvePath(points);
  const width = Math.max(1, values.length) * stageWidth;
  return svg`
    ${options.highlight !== undefined && options.highlight >= 0
      ? svg`<rect class="curve-highlight" x=${options.highlight * stageWidth} y="0" width=${stageWidth} height=${height}></rect>`
      : null}
    ${[EMOTION_MAX, 0, EMOTION_MIN].map(
      (v) => svg`<line class=${v === 0 ? 'curve-zero' : 'curve-guide'} x1="0" x2=${width} y1=${yFor(v)} y2=${yFor(v)}></line>`,
    )}
    ${d ? svg`<path class="curve-line" d=${d}></path>` : null}
    ${values.map((v, i) =>
      v === null
        ? svg`<text class="curve-unset" x=${xFor(i)} y=${yFor(0) - fontSize * 0.5} font-size=${fontSize} text-anchor="middle">–</text>`
        : svg`<circle class="curve-point" cx=${xFor(i)} cy=${yFor(v)} r=${fontSize * 0.45}></circle>
            <text class="curve-score" x=${xFor(i)} y=${v === EMOTION_MAX ? yFor(v) + fontSize * 1.5 : yFor(v) - fontSize * 0.7} font-size=${fontSize} text-anchor="middle">${formatScore(v)}</text>`,
    )}
  `;
}

/**
 * d3-array's tick algorithm (ticks, tickStep, nice; d3-array 3.2.5, ISC licence, Mike Bostock), for
 * ascending domains only. Re-stated here because importing d3-array costs about 1.5 KB gzip of the
 * /tti/ page's 15 KB JS budget; test/unit/chart/ticks.test.ts checks it against d3-array itself.
 */

// Where the step's mantissa switches between 1, 2, 5 and 10 (geometric midpoints, as in d3).
const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** [first index, last index, increment]; a negative increment means "divide by -inc" (exact decimals). */
function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / Math.pow(10, power);
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  let i1: number;
  let i2: number;
  let inc: number;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** About `count` round values in [start, stop] (start ≤ stop), like d3.ticks. */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const [i1, i2, inc] = tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const out: number[] = [];
  // (i1 + k), as d3 writes it, turns a -0 index into +0.
  for (let k = 0; k <= i2 - i1; k++) out.push(inc < 0 ? (i1 + k) / -inc : (i1 + k) * inc);
  return out;
}

function tickIncrement(start: number, stop: number, count: number): number {
  return tickSpec(start, stop, count)[2];
}

/** The distance between ticks(start, stop, count), like d3.tickStep (start ≤ stop). */
export function tickStep(start: number, stop: number, count: number): number {
  const inc = tickIncrement(start, stop, count);
  return inc < 0 ? 1 / -inc : inc;
}

/** [start, stop] widened to multiples of the tick step, like d3.nice (start ≤ stop). */
export function nice(start: number, stop: number, count: number): [number, number] {
  let previous: number | undefined;
  for (;;) {
    const step = tickIncrement(start, stop, count);
    if (step === previous || step === 0 || !Number.isFinite(step)) return [start, stop];
    // d3's form: start from the inner multiple and step out only when needed (exact for decimals).
    if (step > 0) {
      const i = Math.ceil(start / step);
      const j = Math.floor(stop / step);
      start = (i - (i * step > start ? 1 : 0)) * step;
      stop = (j + (j * step < stop ? 1 : 0)) * step;
    } else {
      const s = -step;
      const i = Math.ceil(start * s);
      const j = Math.floor(stop * s);
      start = (i - (i / s > start ? 1 : 0)) / s;
      stop = (j + (j / s < stop ? 1 : 0)) / s;
    }
    previous = step;
  }
}

import type { FanOutFigures } from './workloads';

/**
 * An SVG line plot of the fan-out: alerts through per second over time (accepted by the sinks), per channel, and the service's memory on
 * one MB scale: resident (RSS) and the V8 heap in use (live and not yet collected garbage; the scrapes' samples only).
 */
export function fanOutSvg(figures: FanOutFigures): string {
  const width = 720;
  const height = 320;
  const left = 56;
  const right = 56;
  const top = 30;
  const bottom = 40;
  const samples = figures.samples;
  const rates = (channel: 'email' | 'push') =>
    samples.slice(1).map((sample, i) => ({ t: sample.t, rate: (sample[channel] - samples[i][channel]) / Math.max(sample.t - samples[i].t, 0.001) }));
  const email = smooth(rates('email'));
  const push = smooth(rates('push'));
  const maxT = Math.max(...samples.map((s) => s.t), 1);
  const maxRate = Math.max(...email.map((p) => p.rate), ...push.map((p) => p.rate), figures.email.rawPerSecond, figures.push.rawPerSecond, 1);
  const maxRss = Math.max(...samples.map((s) => Math.max(s.rssMb, s.heapUsedMb ?? 0)), 1);
  const heapSamples = samples.filter((s) => s.heapUsedMb !== undefined);
  const x = (t: number) => left + ((width - left - right) * t) / maxT;
  const y = (value: number, max: number) => height - bottom - ((height - top - bottom) * value) / max;
  const line = (points: { t: number; v: number }[], max: number) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.v, max).toFixed(1)}`).join(' ');
  const ceiling = (rate: number, color: string, label: string) =>
    `<line x1="${left}" x2="${width - right}" y1="${y(rate, maxRate)}" y2="${y(rate, maxRate)}" stroke="${color}" stroke-dasharray="4 4"/>` +
    `<text x="${width - right - 4}" y="${y(rate, maxRate) - 4}" text-anchor="end" fill="${color}" font-size="11">${label} ${Math.round(rate)}/s</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${left}" y="18" font-size="14">Fan-out to ${figures.subscribers} subscribers per channel: alerts through per second</text>
<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>
<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>
<text x="${left - 6}" y="${top + 4}" text-anchor="end">${Math.round(maxRate)}</text>
<text x="${left - 6}" y="${height - bottom}" text-anchor="end">0</text>
<text x="${width - right + 6}" y="${top + 4}" fill="#888">${Math.round(maxRss)} MB</text>
<text x="${width - right}" y="${height - bottom + 16}" text-anchor="end">${maxT.toFixed(1)} s</text>
<text x="${left}" y="${height - bottom + 16}">0 s</text>
${ceiling(figures.email.rawPerSecond, '#1f77b4', 'raw e-mail')}
${ceiling(figures.push.rawPerSecond, '#d62728', 'raw push')}
<path d="${line(email.map((p) => ({ t: p.t, v: p.rate })), maxRate)}" fill="none" stroke="#1f77b4" stroke-width="2"/>
<path d="${line(push.map((p) => ({ t: p.t, v: p.rate })), maxRate)}" fill="none" stroke="#d62728" stroke-width="2"/>
<path d="${line(samples.map((s) => ({ t: s.t, v: s.rssMb })), maxRss)}" fill="none" stroke="#888" stroke-width="1"/>
${heapSamples.length > 0 ? `<path d="${line(heapSamples.map((s) => ({ t: s.t, v: s.heapUsedMb! })), maxRss)}" fill="none" stroke="#2ca02c" stroke-width="1"/>` : ''}
<text x="${left + 8}" y="${height - 8}" fill="#1f77b4">e-mail</text>
<text x="${left + 68}" y="${height - 8}" fill="#d62728">push</text>
<text x="${left + 118}" y="${height - 8}" fill="#888">notifications RSS</text>
<text x="${left + 248}" y="${height - 8}" fill="#2ca02c">heap used (both right scale, MB)</text>
</svg>
`;
}

/** A moving average over a second or so of 250 ms samples, so the plot shows the rate rather than polling noise. */
function smooth(points: { t: number; rate: number }[]): { t: number; rate: number }[] {
  return points.map((point, i) => {
    const window = points.slice(Math.max(0, i - 3), i + 1);
    return { t: point.t, rate: window.reduce((sum, p) => sum + p.rate, 0) / window.length };
  });
}

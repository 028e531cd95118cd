import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface ChartSeries {
  label: string;
  data: number[];
  color: string;
}

/**
 * A bar chart (Chart.js on a canvas) with its numbers also as a table for screen readers and tests: the canvas is
 * labelled, the table carries the same data, and `data-chart` on the figure holds it as JSON.
 */
export function BarChart(props: { id: string; caption: string; labels: string[]; series: ChartSeries[]; stacked?: boolean; horizontal?: boolean; unit?: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const data = { labels: props.labels, series: props.series.map((s) => ({ label: s.label, data: s.data })) };

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: props.horizontal ? 'y' : 'x',
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.formattedValue}${props.unit ?? ''}` } } },
        scales: props.horizontal
          ? { x: { stacked: props.stacked, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: props.stacked, ticks: { autoSkip: false } } }
          : { x: { stacked: props.stacked, ticks: { autoSkip: false, maxRotation: 50 } }, y: { stacked: props.stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.current?.destroy();
  }, [props.horizontal, props.stacked, props.unit]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = props.labels;
    c.data.datasets = props.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderRadius: 2, maxBarThickness: 48 }));
    c.update();
  }, [JSON.stringify(data)]);

  return (
    <figure class="chart" data-testid={props.id} data-chart={JSON.stringify(data)}>
      <figcaption>{props.caption}</figcaption>
      <div class="chart-canvas" style={{ height: `${props.height ?? 300}px` }}>
        <canvas ref={canvas} role="img" aria-label={props.caption} />
      </div>
      <table class="sr-only" data-testid={`${props.id}-table`}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {props.series.map((s) => (
              <th scope="col">{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((label, i) => (
            <tr>
              <th scope="row">{label}</th>
              {props.series.map((s) => (
                <td>{s.data[i]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

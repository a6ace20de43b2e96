/** The frame of a chart in SVG user units, and the plot area its margins leave. Shared by every layout. */
export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function plotArea({ width, height, margin }: ChartFrame): PlotArea {
  return {
    x: margin.left,
    y: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
}

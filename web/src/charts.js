// ECharts with only the charts and parts the pages draw (bars, lines, graphs, time
// axes, zoom, mark lines): a fraction of the full library, and loaded only
// with the pages that chart.
import * as echarts from 'echarts/core'
import { BarChart, GraphChart, LineChart, MapChart, TreemapChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent, MarkLineComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GraphChart, LineChart, MapChart, TreemapChart, VisualMapComponent, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer])

export { echarts }

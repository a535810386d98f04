package io.medsettle.reports;

import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * A column chart on a sheet of its own, drawn from the rows of a statement table: one category per
 * row (the institution's name) and one series per named column. The chart reads the table's cells,
 * so it shows the figures of the sheet itself. Needs a workbook kept in memory
 * ({@link ExcelStatement#createInMemory}).
 */
public final class ColumnChart {

    private ColumnChart() {
    }

    /**
     * @param categoryColumn the table column (index) whose text names each bar group
     * @param seriesColumns  the table columns (indexes) drawn as series, titled by their headers
     */
    public static void draw(ExcelStatement book, String sheetName, String title, ExcelStatement.StatementSheet data,
                            ExcelStatement.Table table, List<Column> columns, int rows, int categoryColumn,
                            List<Integer> seriesColumns) {
        XSSFSheet dataSheet = (XSSFSheet) data.poi();
        XSSFSheet sheet = (XSSFSheet) book.workbook().createSheet(sheetName);
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 0, 0, Math.min(4 + rows, 40), 28));
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.TOP);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        int first = table.headerRowIndex() + 1;
        int last = first + Math.max(rows, 1) - 1;
        XDDFDataSource<String> names = XDDFDataSourcesFactory.fromStringCellRange(dataSheet,
                new CellRangeAddress(first, last, categoryColumn, categoryColumn));
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        bars.setBarDirection(BarDirection.COL);
        for (int c : seriesColumns) {
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(dataSheet,
                    new CellRangeAddress(first, last, c, c));
            XDDFChartData.Series series = bars.addSeries(names, values);
            series.setTitle(columns.get(c).header(), null);
        }
        chart.plot(bars);
    }

    /** The index of the column named {@code name}. */
    public static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}

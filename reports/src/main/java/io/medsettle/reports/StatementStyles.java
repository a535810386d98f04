package io.medsettle.reports;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles of a statement workbook, made once per workbook: a workbook holds at most 64,000
 * styles, so a style per cell would break a sheet of a million discharges.
 */
final class StatementStyles {

    final CellStyle title;
    final CellStyle label;
    final CellStyle header;
    final CellStyle money;
    final CellStyle integer;
    final CellStyle date;
    final CellStyle decimal;
    final CellStyle totalMoney;
    final CellStyle totalInteger;
    final CellStyle totalLabel;
    final CellStyle note;
    final CellStyle signatureLabel;
    final CellStyle signatureBlank;

    StatementStyles(Workbook workbook) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = workbook.createCellStyle();
        title.setFont(big);
        label = workbook.createCellStyle();
        label.setFont(bold);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        var format = workbook.createDataFormat();
        money = workbook.createCellStyle();
        money.setDataFormat(format.getFormat("#,##0.00"));
        integer = workbook.createCellStyle();
        integer.setDataFormat(format.getFormat("#,##0"));
        date = workbook.createCellStyle();
        date.setDataFormat(format.getFormat("yyyy-mm-dd"));
        decimal = workbook.createCellStyle();
        decimal.setDataFormat(format.getFormat("0.0000"));
        totalMoney = workbook.createCellStyle();
        totalMoney.cloneStyleFrom(money);
        totalMoney.setFont(bold);
        totalMoney.setBorderTop(BorderStyle.THIN);
        totalInteger = workbook.createCellStyle();
        totalInteger.cloneStyleFrom(integer);
        totalInteger.setFont(bold);
        totalInteger.setBorderTop(BorderStyle.THIN);
        totalLabel = workbook.createCellStyle();
        totalLabel.setFont(bold);
        totalLabel.setBorderTop(BorderStyle.THIN);
        note = workbook.createCellStyle();
        note.setWrapText(true);
        note.setVerticalAlignment(VerticalAlignment.TOP);
        // Labels sit at the right of their cell, next to the line that is signed on.
        signatureLabel = workbook.createCellStyle();
        signatureLabel.setFont(bold);
        signatureLabel.setAlignment(HorizontalAlignment.RIGHT);
        signatureLabel.setVerticalAlignment(VerticalAlignment.BOTTOM);
        signatureBlank = workbook.createCellStyle();
        signatureBlank.setBorderBottom(BorderStyle.THIN);
    }
}

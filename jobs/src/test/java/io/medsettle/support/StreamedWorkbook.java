package io.medsettle.support;

import java.io.InputStream;
import java.nio.file.Path;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;

/**
 * Reads a large statement back without loading it whole: opening a sheet of sixty thousand rows with
 * {@code XSSFWorkbook} takes more than a gigabyte of heap. Counts a sheet's rows from its XML.
 */
public final class StreamedWorkbook {

    private StreamedWorkbook() {
    }

    /** The number of rows the named sheet holds. */
    public static long rows(Path workbook, String sheetName) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (sheets.getSheetName().equals(sheetName)) {
                        return count(sheet, "<row ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                }
            }
        }
        throw new IllegalArgumentException("no sheet " + sheetName + " in " + workbook);
    }

    private static long count(InputStream in, byte[] token) throws Exception {
        long found = 0;
        int matched = 0;
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                matched = buffer[i] == token[matched] ? matched + 1 : (buffer[i] == token[0] ? 1 : 0);
                if (matched == token.length) {
                    found++;
                    matched = 0;
                }
            }
        }
        return found;
    }

    /** For callers that iterate: unused sheets are closed as they are passed. */
}

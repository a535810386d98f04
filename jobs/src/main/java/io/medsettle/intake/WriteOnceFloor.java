package io.medsettle.intake;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.Institution;
import io.medsettle.adjudication.Member;
import io.medsettle.adjudication.MemberCategory;
import io.medsettle.adjudication.Settlement;
import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.discharges.DischargeRow;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The least that any intake written once must do, timed for the bench (issue 13), to tell whether
 * the redesign the issue sketches (no staging table, no server-side sort) could reach 1.5 × (b)
 * on the machine at hand before anyone builds it.
 *
 * <p>Two parts, timed apart. The <em>scan</em> is the first of the redesign's two passes: the file
 * read once, every record split, its member and {@code setl_id} kept in compact arrays, the lines
 * ordered by member and the file's {@code setl_id}s checked for repeats; once with the intake's CSV
 * reader ({@link #scan}), once by hand over the file's bytes ({@link #scanBytes}), the fastest a first
 * pass could be. The <em>stream</em> is the
 * second, given every advantage: the rows come from a copy of the file already in member order
 * (made beforehand, not timed), so it reads sequentially where the redesign would read at random;
 * the members and their posted movements come from two ordered cursors, as the intake's do; and it leaves
 * out what the redesign would still have to do (the reference checks against earlier settlements,
 * the members' earlier settlements, revisions, the file's bookkeeping). What it does do is
 * everything a row costs: read, checked, adjudicated, its account part decided, and copied, with
 * its movements, in statements of {@link DischargeLoad#ROWS_PER_STATEMENT}, in one transaction
 * (rolled back at the end, so it leaves nothing behind).
 *
 * <p>The settlements go into a table shaped and indexed like {@code settlement} and empty, as (b)'s
 * do (without {@code settlement}'s statement trigger, as (b)); the movements into
 * {@code account_movement} itself. The copy's {@code setl_id}s carry an {@code F} in front so that
 * they are new to both.
 *
 * <p>The sum of the two is a floor: a redesign built on the same parts (the intake's CSV reader, its
 * row checks, its adjudication and its COPY text) will not be faster. Only a first pass that splits
 * records faster than the intake's reader takes a little off it, which {@link #scanBytes} measures.
 */
public final class WriteOnceFloor {

    /** What the two parts took, and how much they wrote. */
    public record Times(long scanNanos, long referenceNanos, long streamNanos, long settlements, long movements,
                        long rowsSetAside) {

        public long totalNanos() {
            return scanNanos + referenceNanos + streamNanos;
        }
    }

    /** What the first pass found: its time, the rows and members, the repeated {@code setl_id}s. */
    public record Scan(long nanos, int rows, int members, int repeatedSetlIds, long firstInOrder) {
    }

    /** A member or an institution as the reference data has it from one day until another (exclusive). */
    private record Version<T>(LocalDate from, LocalDate to, T value) {

        /** The version in force on the day, or null. */
        static <T> T on(List<Version<T>> versions, LocalDate day) {
            for (Version<T> v : versions == null ? List.<Version<T>>of() : versions) {
                if (!v.from().isAfter(day) && (v.to() == null || v.to().isAfter(day))) {
                    return v.value();
                }
            }
            return null;
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final AccountBook accounts;
    private final BenefitEngine engine;

    public WriteOnceFloor(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
                          AccountBook accounts, BenefitEngine engine) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = accounts;
        this.engine = engine;
    }

    /**
     * The first pass, timed. Every record is split by the same reader the
     * intake uses; the members are numbered, the lines sorted by member, the {@code setl_id}s'
     * 64-bit hashes sorted and compared for repeats.
     */
    public Scan scan(Path file) {
        long started = System.nanoTime();
        Map<String, Integer> members = new HashMap<>();
        int[] memberOfLine = new int[1 << 16];
        long[] setlHashes = new long[1 << 16];
        int n = 0;
        try (InputFile input = InputFile.open(file, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
            for (InputRow row : input) {
                if (n == memberOfLine.length) {
                    memberOfLine = Arrays.copyOf(memberOfLine, n * 2);
                    setlHashes = Arrays.copyOf(setlHashes, n * 2);
                }
                String psnNo = row.raw("psn_no");
                Integer id = members.get(psnNo);
                if (id == null) {
                    id = members.size();
                    members.put(psnNo, id);
                }
                memberOfLine[n] = id;
                setlHashes[n] = hash64(row.raw("setl_id"));
                n++;
            }
        }
        return ordered(started, members, memberOfLine, setlHashes, n);
    }

    /**
     * The first pass as fast as it could be written, timed: the file's bytes split into records and
     * fields by hand (quotes honoured, so a quoted comma or line break stays inside its field), the
     * member taken from its bytes and the {@code setl_id} hashed from them, then the same sorts as
     * {@link #scan}. Works on bytes alone because the separators are ASCII and neither UTF-8 nor
     * GB18030 puts an ASCII byte inside a multi-byte character. Files under 2 GB (the bench's).
     */
    public Scan scanBytes(Path file) {
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the floor's byte scan handles files under 2 GB: " + file);
            }
            int size = (int) channel.size();
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int headerEnd = 0;
            while (headerEnd < size && bytes.get(headerEnd) != '\n') {
                headerEnd++;
            }
            String header = line(bytes, 0, headerEnd).replace("\uFEFF", "").replace("\"", "");
            List<String> columns = Arrays.stream(header.split(",")).map(String::strip).toList();
            int psnColumn = columns.indexOf("psn_no");
            int setlColumn = columns.indexOf("setl_id");
            Map<String, Integer> members = new HashMap<>();
            int[] memberOfLine = new int[1 << 16];
            long[] setlHashes = new long[1 << 16];
            int n = 0;
            int field = 0;
            int fieldStart = headerEnd + 1;
            boolean quoted = false;
            byte[] member = new byte[64];
            int memberLength = 0;
            long setlHash = 0;
            for (int i = headerEnd + 1; i <= size; i++) {
                byte c = i < size ? bytes.get(i) : (byte) '\n';
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < size && bytes.get(i + 1) == '"') {
                            i++;
                        } else {
                            quoted = false;
                        }
                    }
                    continue;
                }
                if (c == '"') {
                    quoted = true;
                } else if (c == ',' || c == '\n') {
                    int end = c == '\n' && i > fieldStart && bytes.get(i - 1) == '\r' ? i - 1 : i;
                    if (field == psnColumn) {
                        memberLength = Math.min(end - fieldStart, member.length);
                        bytes.get(fieldStart, member, 0, memberLength);
                    } else if (field == setlColumn) {
                        setlHash = 0xcbf29ce484222325L;
                        for (int k = fieldStart; k < end; k++) {
                            setlHash = (setlHash ^ bytes.get(k)) * 0x100000001b3L;
                        }
                    }
                    boolean emptyLine = field == 0 && end == fieldStart;
                    field++;
                    fieldStart = i + 1;
                    if (c == '\n') {
                        if (!emptyLine) {
                            if (n == memberOfLine.length) {
                                memberOfLine = Arrays.copyOf(memberOfLine, n * 2);
                                setlHashes = Arrays.copyOf(setlHashes, n * 2);
                            }
                            String psnNo = new String(member, 0, memberLength, StandardCharsets.ISO_8859_1);
                            Integer id = members.get(psnNo);
                            if (id == null) {
                                id = members.size();
                                members.put(psnNo, id);
                            }
                            memberOfLine[n] = id;
                            setlHashes[n] = setlHash;
                            n++;
                        }
                        field = 0;
                        memberLength = 0;
                    }
                }
            }
            return ordered(started, members, memberOfLine, setlHashes, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + file, e);
        }
    }

    /** The first pass's end, shared by both scans: the lines sorted by member, the repeats counted. */
    private static Scan ordered(long started, Map<String, Integer> members, int[] memberOfLine, long[] setlHashes, int n) {
        String[] byId = new String[members.size()];
        members.forEach((psnNo, id) -> byId[id] = psnNo);
        Integer[] ids = new Integer[byId.length];
        Arrays.setAll(ids, i -> i);
        Arrays.sort(ids, Comparator.comparing(i -> byId[i]));
        int[] rank = new int[byId.length];
        for (int r = 0; r < ids.length; r++) {
            rank[ids[r]] = r;
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) rank[memberOfLine[i]] << 32) | i;
        }
        Arrays.sort(order);
        long[] hashes = Arrays.copyOf(setlHashes, n);
        Arrays.sort(hashes);
        int repeats = 0;
        for (int i = 1; i < n; i++) {
            repeats += hashes[i] == hashes[i - 1] ? 1 : 0;
        }
        return new Scan(System.nanoTime() - started, n, byId.length, repeats, order.length == 0 ? -1 : order[0]);
    }

    private static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * Not timed: a copy of the file with its data lines in member order ({@code psn_no} compared
     * as Java compares strings, then the line), and {@code F} in front of every {@code setl_id} and
     * {@code init_setl_id}; a repeated {@code setl_id} and a second cancellation of one
     * settlement left out. Needs a file of unquoted fields (the bench's).
     */
    public static void writeSortedCopy(Path file, Path sorted) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the floor's copy handles files under 2 GB: " + file);
            }
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            int size = (int) channel.size();
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < size; i++) {
                byte b = bytes.get(i);
                if (b == '"') {
                    throw new IllegalArgumentException("the floor's copy needs a file without quoted fields: " + file);
                }
                if (b == '\n' && i + 1 < size) {
                    starts.add(i + 1);
                }
            }
            String header = line(bytes, starts.get(0), end(starts, 0, size));
            List<String> columns = Arrays.asList(header.split(","));
            int psnColumn = columns.indexOf("psn_no");
            int setlColumn = columns.indexOf("setl_id");
            int initColumn = columns.indexOf("init_setl_id");
            int lines = starts.size() - 1;
            String[] psnOf = new String[lines];
            Integer[] order = new Integer[lines];
            int cancelColumn = columns.indexOf("refd_setl_flag");
            Set<String> setlIds = new HashSet<>();
            Set<String> cancelled = new HashSet<>();
            int kept = 0;
            for (int l = 0; l < lines; l++) {
                String[] fields = line(bytes, starts.get(l + 1), end(starts, l + 1, size)).split(",", -1);
                // What the reference checks would set aside and settlement's unique keys would refuse: a
                // setl_id repeated in the file, a settlement cancelled twice.
                boolean cancels = cancelColumn >= 0 && fields.length > cancelColumn
                        && fields[cancelColumn].strip().equals("1");
                if (fields.length <= Math.max(psnColumn, setlColumn) || !setlIds.add(fields[setlColumn].strip())
                        || (cancels && initColumn >= 0 && !cancelled.add(fields[initColumn].strip()))) {
                    continue;
                }
                psnOf[l] = fields[psnColumn];
                order[kept++] = l;
            }
            setlIds.clear();
            cancelled.clear();
            order = Arrays.copyOf(order, kept);
            Arrays.sort(order, Comparator.<Integer, String>comparing(l -> psnOf[l]).thenComparing(l -> l));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sorted), 1 << 20)) {
                out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                for (Integer l : order) {
                    String[] fields = line(bytes, starts.get(l + 1), end(starts, l + 1, size)).split(",", -1);
                    fields[setlColumn] = "F" + fields[setlColumn];
                    if (initColumn >= 0 && !fields[initColumn].isEmpty()) {
                        fields[initColumn] = "F" + fields[initColumn];
                    }
                    out.write((String.join(",", fields) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the floor's sorted copy of " + file, e);
        }
    }

    private static int end(List<Integer> starts, int index, int size) {
        return index + 1 < starts.size() ? starts.get(index + 1) : size;
    }

    private static String line(MappedByteBuffer bytes, int from, int to) {
        byte[] text = new byte[to - from];
        bytes.get(from, text);
        String line = new String(text, StandardCharsets.UTF_8);
        return line.replaceAll("\r?\n$", "");
    }

    /**
     * The second pass over the sorted copy, timed, in a transaction rolled back at its end. {@code table}
     * is an empty table shaped like {@code settlement} that the application's role may insert into.
     * The members and their posted movements come from two cursors in the copy's order, on
     * connections of their own, as the intake's do; the time to their first rows is timed apart.
     */
    public Times stream(Path sorted, String institution, YearMonth period, long fileId, String table, long scanNanos) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        return template.execute(status -> {
            long started = System.nanoTime();
            Map<String, List<Version<Institution>>> institutions = institutions();
            try (ByMember<Version<Member>> members = new ByMember<>(dataSource, MEMBERS, WriteOnceFloor::memberVersion,
                         v -> v.value().psnNo());
                 PostedMovements posted = new PostedMovements(dataSource, POSTED, parameters -> { })) {
                posted.open();
                long referenceNanos = System.nanoTime() - started;
                started = System.nanoTime();
                long[] counts = streamRows(sorted, institution, period, fileId, table, members, institutions, posted);
                long streamNanos = System.nanoTime() - started;
                long movements = jdbc.sql("select count(*) from account_movement where setl_id like 'F%'")
                        .query(Long.class).single();
                status.setRollbackOnly();
                return new Times(scanNanos, referenceNanos, streamNanos, counts[0], movements, counts[1]);
            }
        });
    }

    private long[] streamRows(Path sorted, String institution, YearMonth period, long fileId, String table,
                              ByMember<Version<Member>> members, Map<String, List<Version<Institution>>> institutions,
                              PostedMovements posted) {
        MemberAdjudicator adjudicator = new MemberAdjudicator(engine, sorted.getFileName().toString());
        PgCopy settlements = PgCopy.streaming(dataSource, table, AdjudicatedLine.COLUMNS);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        var movements = accounts.spendingCopy();
        DischargeAccounts decisions = new DischargeAccounts(fileId, period.toString(), Map.of(), movements, problems);
        long loaded = 0;
        long setAside = 0;
        int inStatement = 0;
        String current = null;
        List<Version<Member>> versions = List.of();
        List<MemberRows.Row> rows = new ArrayList<>();
        try (InputFile input = InputFile.open(sorted, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
            var iterator = input.iterator();
            while (true) {
                DischargeRow checked = null;
                if (iterator.hasNext()) {
                    checked = DischargeRow.check(iterator.next(), institution, period);
                    if (!checked.accepted()) {
                        setAside++;
                        continue;
                    }
                }
                String psnNo = checked == null ? null : checked.values().psnNo();
                if (current != null && !current.equals(psnNo)) {
                    if (!rows.isEmpty()) {
                        rows.sort(Comparator.comparing(MemberRows.Row::settlement, Settlement.PROCESSING_ORDER));
                        MemberRows member = new MemberRows(current, List.copyOf(rows));
                        MemberAdjudicator.Result result = adjudicator.process(member);
                        for (AdjudicatedLine line : result.lines()) {
                            line.copyInto(settlements, fileId, period.toString());
                            loaded++;
                            inStatement++;
                        }
                        decisions.member(member, posted.of(current), result);
                        rows.clear();
                    }
                    if (inStatement >= DischargeLoad.ROWS_PER_STATEMENT
                            || problems.pendingChars() + movements.pendingChars() > DischargeLoad.BUFFER_CHARS) {
                        settlements.flush();
                        inStatement = 0;
                        problems.flush();
                        movements.flush();
                    }
                }
                if (checked == null) {
                    break;
                }
                if (!psnNo.equals(current)) {
                    versions = members.of(psnNo);
                }
                current = psnNo;
                Settlement settlement = checked.toSettlement();
                Member member = Version.on(versions, settlement.begin());
                Institution where = Version.on(institutions.get(settlement.institutionCode()), settlement.end());
                if (member == null || where == null) {
                    setAside++;
                    continue;
                }
                DischargeRow.Values v = checked.values();
                rows.add(new MemberRows.Row(true, checked.line(), settlement, null, 0, member, where,
                        new MemberRows.Facts(v.medType(), v.diagnosis(), v.cancelledSetlId(), null)));
            }
            settlements.flush();
            problems.flush();
            movements.flush();
        } catch (RuntimeException | Error e) {
            settlements.cancel();
            throw e;
        }
        return new long[] {loaded, setAside};
    }

    private Map<String, List<Version<Institution>>> institutions() {
        Map<String, List<Version<Institution>>> institutions = new HashMap<>();
        jdbc.sql("select fixmedins_code, valid_from, valid_to, hosp_lv, inst_kind, tier from institution")
                .query((RowCallbackHandler) rs -> institutions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1))
                        .add(new Version<>(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                                new Institution(rs.getString(1), rs.getInt(4), rs.getString(5),
                                        Optional.ofNullable(rs.getString(6))))));
        return institutions;
    }

    /** Every member's versions, in the copy's order (the primary key's, in the database's "C" order). */
    private static final String MEMBERS = """
            select psn_no, valid_from, valid_to, psn_type, brdy, insu_begn_date, extra_contrib_years from member
             order by psn_no collate "C", valid_from""";

    /**
     * The movements other than the intakes' (the openings), and the closures, of every member: {@link PostedMovements#QUERY}'s
     * columns and order, read by the intake's own {@link PostedMovements}.
     */
    private static final String POSTED = """
            select * from (
                select 'M' as t, psn_no, fixmedins_code, setl_id, amount, kind, value_date from account_movement
                 where source not like 'discharge:%'
                union all
                select 'X', psn_no, null, null, null, null, null from account_closure
            ) u
            order by psn_no collate "C", t, value_date, fixmedins_code collate "C", setl_id collate "C\"""";

    private static Version<Member> memberVersion(ResultSet rs, int n) throws SQLException {
        return new Version<>(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                new Member(rs.getString(1), MemberCategory.of(rs.getString(4)), rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class), rs.getInt(7)));
    }

    /** A cursor ordered by member, read member by member as the copy's members come (in the same order). */
    private static final class ByMember<T> implements AutoCloseable {

        private final JdbcCursorItemReader<T> cursor;
        private final Function<T, String> psnNo;
        private T next;

        ByMember(DataSource dataSource, String sql, RowMapper<T> mapper, Function<T, String> psnNo) {
            this.psnNo = psnNo;
            this.cursor = new JdbcCursorItemReader<>(dataSource, sql, mapper);
            cursor.setFetchSize(5_000);
            cursor.setConnectionAutoCommit(false);
            cursor.setSaveState(false);
            cursor.open(new ExecutionContext());
            next = read();
        }

        List<T> of(String member) {
            while (next != null && psnNo.apply(next).compareTo(member) < 0) {
                next = read();
            }
            List<T> rows = new ArrayList<>(2);
            for (; next != null && psnNo.apply(next).equals(member); next = read()) {
                rows.add(next);
            }
            return rows;
        }

        private T read() {
            try {
                return cursor.read();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the floor's cursor: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}

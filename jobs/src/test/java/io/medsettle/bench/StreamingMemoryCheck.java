package io.medsettle.bench;

import io.medsettle.adjudication.Adjudication;
import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.Institution;
import io.medsettle.adjudication.Member;
import io.medsettle.adjudication.MemberYear;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.ledger.Money;

import java.nio.file.Path;

/**
 * Streams millions of settlements, member after member (a sorted stream), through the engine and
 * prints the heap in use as it goes: it must stay flat, whatever the number of rows. Run with a
 * small heap, e.g. {@code -Xmx256m}; see docs/benchmarks.md.
 */
public final class StreamingMemoryCheck {

    private StreamingMemoryCheck() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        String profile = args.length > 1 ? args[1] : "lianyungang-2000";
        BenefitEngine engine = new BenefitEngine(PolicyProfiles.load(Path.of(System.getProperty("medsettle.policies",
                "config/policies")), profile));
        SyntheticSettlements synthetic = new SyntheticSettlements(7);
        Runtime runtime = Runtime.getRuntime();
        Money fund = Money.ZERO;
        long done = 0;
        long next = rows / 10;
        long started = System.nanoTime();
        for (long n = 0; done < rows; n++) {
            Member member = synthetic.member(n);
            MemberYear year = new MemberYear(2026);
            int admissions = synthetic.admissions();
            for (int a = 0; a < admissions && done < rows; a++) {
                Institution institution = synthetic.institution();
                Adjudication result = engine.adjudicate(member, institution, synthetic.settlement(member, institution, 1 + a * 3), year);
                fund = fund.plus(result.fundPay());
                if (++done == next) {
                    System.gc();
                    System.out.printf("%,12d rows  heap in use %4d MB%n", done, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
                    next += rows / 10;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%,d rows in %.1f s (%,.0f rows/s, generation included); fund pays %s; max heap %d MB%n",
                done, seconds, done / seconds, fund, runtime.maxMemory() >> 20);
    }
}

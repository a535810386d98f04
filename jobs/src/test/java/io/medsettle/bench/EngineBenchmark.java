package io.medsettle.bench;

import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.Institution;
import io.medsettle.adjudication.Member;
import io.medsettle.adjudication.MemberYear;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.adjudication.Settlement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Settlements adjudicated per second on one thread, for each profile: 100,000 settlements of
 * about 70,000 members, each member's year from a fresh accumulator, as the intake runs them.
 * See docs/benchmarks.md for the command and the results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    static final int SETTLEMENTS = 100_000;

    @Param({"lianyungang-2000", "langfang-2024", "zhenjiang-2023", "yantai-2018"})
    public String profile;

    private BenefitEngine engine;
    private final List<Member> members = new ArrayList<>();
    private final List<Institution> institutions = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();
    private final List<Integer> firstOfMember = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        engine = new BenefitEngine(PolicyProfiles.load(Path.of(System.getProperty("medsettle.policies", "config/policies")), profile));
        SyntheticSettlements synthetic = new SyntheticSettlements(42);
        for (long n = 0; settlements.size() < SETTLEMENTS; n++) {
            Member member = synthetic.member(n);
            int admissions = synthetic.admissions();
            firstOfMember.add(settlements.size());
            for (int a = 0; a < admissions && settlements.size() < SETTLEMENTS; a++) {
                Institution institution = synthetic.institution();
                members.add(member);
                institutions.add(institution);
                settlements.add(synthetic.settlement(member, institution, 1 + a * 3));
            }
        }
        firstOfMember.add(SETTLEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(SETTLEMENTS)
    public void adjudicate(Blackhole blackhole) {
        for (int m = 0; m < firstOfMember.size() - 1; m++) {
            MemberYear year = new MemberYear(2026);
            for (int i = firstOfMember.get(m); i < firstOfMember.get(m + 1); i++) {
                blackhole.consume(engine.adjudicate(members.get(i), institutions.get(i), settlements.get(i), year));
            }
        }
    }
}

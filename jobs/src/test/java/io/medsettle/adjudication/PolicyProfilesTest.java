package io.medsettle.adjudication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.settlement.SettlementMethod;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyProfilesTest {

    @Test
    void everyShippedProfileLoadsWithExactDecimals() {
        assertThat(PolicyProfiles.available(Cases.POLICIES))
                .containsExactly("langfang-2024", "lianyungang-2000", "yantai-2018", "zhenjiang-2023");
        for (String id : PolicyProfiles.available(Cases.POLICIES)) {
            PolicyProfile profile = PolicyProfiles.load(Cases.POLICIES, id);
            assertThat(profile.holdbackRate()).isEqualByComparingTo("0.10");
            assertThat(profile.settlementMethod()).isEqualTo(SettlementMethod.AVERAGE_COST);
        }
        // 0.10 stays the exact decimal 0.10 (scale 2), never a double's 0.1000000000000000055..
        assertThat(PolicyProfiles.load(Cases.POLICIES, "lianyungang-2000").preSelfPay().rates().get("implant_dom_amt"))
                .isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void aBadProfileNamesTheFileTheKeyAndTheReason(@TempDir Path dir) throws IOException {
        String good = Files.readString(Cases.POLICIES.resolve("langfang-2024.yaml"));
        Files.writeString(dir.resolve("langfang-2024.yaml"), good.replace("by_level: {1: 200, 2: 400, 3: 600}",
                "by_level: {1: 200, 2: abc, 3: 600}"));
        Files.writeString(dir.resolve("bad-rate.yaml"), good.replace("id: langfang-2024", "id: bad-rate")
                .replace("3: [{rate: 0.88}]", "3: [{rate: 88}]"));

        assertThatThrownBy(() -> PolicyProfiles.load(dir, "langfang-2024"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("langfang-2024.yaml: deductible.by_level.2: must be a number, was \"abc\"");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "bad-rate"))
                .hasMessage("bad-rate.yaml: fund_share.segments.3[0].rate: must be a rate between 0 and 1 (0.85, not 85), was \"88\"");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "nowhere"))
                .hasMessageContaining("no policy profile 'nowhere'").hasMessageContaining("available: bad-rate, langfang-2024");
    }
}

package io.medsettle.adjudication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.accounts.AgeBandedBase;
import io.medsettle.accounts.AgeBandedWage;
import io.medsettle.accounts.InterestMethod;
import io.medsettle.accounts.ShareOfBase;
import io.medsettle.settlement.SettlementMethod;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

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

    @Test
    void everyProfileHasAnAccountsSection() {
        for (String id : PolicyProfiles.available(Cases.POLICIES)) {
            assertThat(PolicyProfiles.load(Cases.POLICIES, id).accounts()).as(id).isNotNull();
        }
        var lianyungang = PolicyProfiles.load(Cases.POLICIES, "lianyungang-2000").accounts();
        assertThat(lianyungang.allocation()).isInstanceOf(AgeBandedWage.class);
        assertThat(lianyungang.interestMethod()).isEqualTo(InterestMethod.DAILY_BALANCE);
        assertThat(lianyungang.heirlessToPooledFund()).isFalse();
        var langfang = PolicyProfiles.load(Cases.POLICIES, "langfang-2024").accounts();
        assertThat(langfang.allocation()).isInstanceOf(ShareOfBase.class);
        assertThat(langfang.interestMethod()).isEqualTo(InterestMethod.SPLIT_RATE);
        assertThat(langfang.heirlessToPooledFund()).isTrue();
        var yantai = PolicyProfiles.load(Cases.POLICIES, "yantai-2018").accounts();
        assertThat(yantai.allocation()).isInstanceOf(AgeBandedBase.class);
        assertThat(yantai.interestMethod()).isEqualTo(InterestMethod.SPLIT_RATE);
        assertThat(yantai.heirlessToPooledFund()).isFalse();
        var zhenjiang = PolicyProfiles.load(Cases.POLICIES, "zhenjiang-2023").accounts();
        assertThat(zhenjiang.allocation()).isInstanceOf(ShareOfBase.class);
        assertThat(zhenjiang.interestMethod()).isEqualTo(InterestMethod.SPLIT_RATE);
        assertThat(zhenjiang.heirlessToPooledFund()).isFalse();
    }

    /** Every value of an accounts section says where it comes from (docs/policy-profiles.md). */
    @Test
    @SuppressWarnings("unchecked")
    void everyAccountsValueNamesItsSource() throws IOException {
        for (String id : PolicyProfiles.available(Cases.POLICIES)) {
            Map<String, Object> root = new Yaml().load(Files.readString(Cases.POLICIES.resolve(id + ".yaml")));
            Map<String, Object> accounts = (Map<String, Object>) root.get("accounts");
            Map<String, Object> allocation = (Map<String, Object>) accounts.get("allocation");
            for (Object section : List.of(allocation, allocation.get("retirees"), accounts.get("interest"), accounts.get("heirless"))) {
                assertThat((Map<String, Object>) section).as(id + " " + section).containsKey("source");
            }
        }
    }

    @Test
    void aProfileWithoutAccountsOrWithAnUnknownInterestMethodIsRefused(@TempDir Path dir) throws IOException {
        String good = Files.readString(Cases.POLICIES.resolve("langfang-2024.yaml"));
        Files.writeString(dir.resolve("langfang-2024.yaml"), good.substring(0, good.indexOf("# Individual accounts")));
        Files.writeString(dir.resolve("bad-method.yaml"), good.replace("id: langfang-2024", "id: bad-method")
                .replace("method: split_rate", "method: monthly_minimum"));
        Files.writeString(dir.resolve("bad-kind.yaml"), good.replace("id: langfang-2024", "id: bad-kind")
                .replace("kind: share_of_base", "kind: by_age"));
        Files.writeString(dir.resolve("misspelt.yaml"), good.replace("id: langfang-2024", "id: misspelt")
                .replace("    retirees:\n", "    retiree:\n"));

        assertThatThrownBy(() -> PolicyProfiles.load(dir, "langfang-2024"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("langfang-2024.yaml: accounts: is required");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "bad-method"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("bad-method.yaml: accounts.interest.method: must be one of [daily_balance, split_rate], was \"monthly_minimum\"");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "bad-kind"))
                .hasMessage("bad-kind.yaml: accounts.allocation.kind: must be age_banded_wage, age_banded_base or share_of_base, was \"by_age\"");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "misspelt"))
                .hasMessage("misspelt.yaml: accounts.allocation.retiree: is not a key here (expected kind, rate, retirees, source, assumed)");
    }

    @Test
    void ageBandsMustRiseAndEndOpen(@TempDir Path dir) throws IOException {
        String good = Files.readString(Cases.POLICIES.resolve("yantai-2018.yaml"));
        Files.writeString(dir.resolve("falling.yaml"), good.replace("id: yantai-2018", "id: falling")
                .replace("{below: 45, rate: 0.027}", "{below: 30, rate: 0.027}"));
        Files.writeString(dir.resolve("closed.yaml"), good.replace("id: yantai-2018", "id: closed")
                .replace("{rate: 0.034}", "{below: 60, rate: 0.034}"));
        Files.writeString(dir.resolve("mixed.yaml"), good.replace("id: yantai-2018", "id: mixed")
                .replace("{below: 45, rate: 0.027}", "{up_to: 45, rate: 0.027}"));

        assertThatThrownBy(() -> PolicyProfiles.load(dir, "falling"))
                .hasMessage("falling.yaml: accounts.allocation.bands[1].below: age limits must rise, was \"30\"");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "closed"))
                .hasMessageStartingWith("closed.yaml: accounts.allocation.bands[2]: the last band must be open-ended");
        assertThatThrownBy(() -> PolicyProfiles.load(dir, "mixed"))
                .hasMessageStartingWith("mixed.yaml: accounts.allocation.bands[1]: every band of the list gives the same kind of limit");
    }
}

package io.medsettle.adjudication;

import io.medsettle.accounts.AccountsPolicy;
import io.medsettle.accounts.AgeBandedBase;
import io.medsettle.accounts.AgeBandedWage;
import io.medsettle.accounts.AgeBands;
import io.medsettle.accounts.AllocationRule;
import io.medsettle.accounts.InterestMethod;
import io.medsettle.accounts.RetireeAmount;
import io.medsettle.accounts.ShareOfBase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a profile's {@code accounts:} section (docs/policy-profiles.md, DOMAIN.md §4). Unknown keys are
 * refused, so that a misspelt key is not silently left out of the rule.
 */
final class AccountsSection {

    private static final String[] NOTES = {"source", "assumed"};

    private AccountsSection() {
    }

    static AccountsPolicy read(ProfileNode node) {
        node.onlyKeys(NOTES, "allocation", "interest", "heirless");
        ProfileNode interest = node.get("interest");
        interest.onlyKeys(NOTES, "method");
        ProfileNode heirless = node.get("heirless");
        heirless.onlyKeys(NOTES, "to_pooled_fund");
        return new AccountsPolicy(allocation(node.get("allocation")),
                PolicyProfiles.enumValue(interest.get("method"), InterestMethod.class),
                heirless.get("to_pooled_fund").flag());
    }

    private static AllocationRule allocation(ProfileNode node) {
        String kind = node.get("kind").text();
        switch (kind) {
            case "age_banded_wage" -> {
                node.onlyKeys(NOTES, "kind", "age_on", "bands", "retirees");
                ProfileNode retirees = node.get("retirees");
                retirees.onlyKeys(NOTES, "pension_share");
                return new AgeBandedWage(bands(node), retirees.get("pension_share").rate());
            }
            case "age_banded_base" -> {
                node.onlyKeys(NOTES, "kind", "age_on", "bands", "retirees");
                ProfileNode retirees = node.get("retirees");
                retirees.onlyKeys(NOTES, "per_year_of_age");
                return new AgeBandedBase(bands(node), retirees.get("per_year_of_age").amount());
            }
            case "share_of_base" -> {
                node.onlyKeys(NOTES, "kind", "rate", "retirees");
                return new ShareOfBase(node.get("rate").rate(), retireeAmount(node.get("retirees")));
            }
            default -> throw node.get("kind").error("must be age_banded_wage, age_banded_base or share_of_base");
        }
    }

    /**
     * Age bands as the document writes them: every band but the last has an upper limit, {@code up_to}
     * (inclusive: 35 周岁以下（含35周岁）) or {@code below} (exclusive: 不含), one way for the whole list.
     */
    private static AgeBands bands(ProfileNode node) {
        AgeBands.AgeDay ageOn = PolicyProfiles.enumValue(node.get("age_on"), AgeBands.AgeDay.class);
        List<ProfileNode> items = node.get("bands").list();
        List<Integer> limits = new ArrayList<>();
        List<BigDecimal> rates = new ArrayList<>();
        AgeBands.Limits style = null;
        for (int i = 0; i < items.size(); i++) {
            ProfileNode item = items.get(i);
            item.onlyKeys(NOTES, "up_to", "below", "rate");
            boolean last = i == items.size() - 1;
            Optional<ProfileNode> upTo = item.find("up_to");
            Optional<ProfileNode> below = item.find("below");
            if (upTo.isPresent() && below.isPresent()) {
                throw item.error("gives up_to or below, not both");
            }
            if (last && (upTo.isPresent() || below.isPresent())) {
                throw item.error("the last band must be open-ended (no up_to or below)");
            }
            if (!last) {
                if (upTo.isEmpty() && below.isEmpty()) {
                    throw item.error("only the last band may be open-ended (give up_to or below)");
                }
                AgeBands.Limits itemStyle = upTo.isPresent() ? AgeBands.Limits.INCLUSIVE : AgeBands.Limits.EXCLUSIVE;
                if (style != null && style != itemStyle) {
                    throw item.error("every band of the list gives the same kind of limit (up_to or below)");
                }
                style = itemStyle;
                ProfileNode limit = upTo.orElseGet(below::get);
                int age = limit.integer(1, 150);
                if (!limits.isEmpty() && age <= limits.get(limits.size() - 1)) {
                    throw limit.error("age limits must rise");
                }
                limits.add(age);
            }
            rates.add(item.get("rate").rate());
        }
        if (items.isEmpty()) {
            throw node.get("bands").error("must give at least one band");
        }
        return AgeBands.of(limits, style == null ? AgeBands.Limits.INCLUSIVE : style, rates, ageOn);
    }

    private static RetireeAmount retireeAmount(ProfileNode node) {
        String kind = node.get("kind").text();
        switch (kind) {
            case "fixed" -> {
                node.onlyKeys(NOTES, "kind", "monthly");
                return new RetireeAmount.Fixed(node.get("monthly").amount());
            }
            case "share_of_average_pension" -> {
                node.onlyKeys(NOTES, "kind", "rate", "average_monthly_pension");
                ProfileNode average = node.get("average_monthly_pension");
                average.onlyKeys(NOTES, "amount");
                return new RetireeAmount.ShareOfAveragePension(node.get("rate").rate(), average.get("amount").amount());
            }
            default -> throw node.get("kind").error("must be fixed or share_of_average_pension");
        }
    }
}

package io.medsettle.adjudication;

import io.medsettle.ledger.Money;
import io.medsettle.settlement.LateFiles;
import io.medsettle.settlement.SettlementMethod;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads and validates policy profiles from {@code config/policies/<id>.yaml}. Numbers are read as
 * exact decimals (YAML's own number types are switched off, so {@code 0.10} never passes through a
 * double); a bad profile fails with the file, the key path and the reason.
 */
public final class PolicyProfiles {

    private PolicyProfiles() {
    }

    /** The profile files of a directory, by id. */
    public static List<String> available(Path directory) {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static PolicyProfile load(Path directory, String id) {
        Path file = directory.resolve(id + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new ProfileException("no policy profile '" + id + "' in " + directory + " (available: "
                    + String.join(", ", available(directory)) + ")");
        }
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = yaml().load(reader);
        } catch (IOException | YAMLException e) {
            throw new ProfileException(file.getFileName() + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        ProfileNode root = new ProfileNode(file.getFileName().toString(), "", document);
        String declared = root.get("id").text();
        if (!declared.equals(id)) {
            throw root.get("id").error("must be the file's name, " + id);
        }
        return new PolicyProfile(id, root.get("city").text(), waitingPeriod(root.get("waiting_period")),
                preSelfPay(root.get("pre_self_pay")), deductible(root.get("deductible")),
                fundShare(root.get("fund_share")), annualCap(root.get("annual_cap")),
                supplementary(root.get("supplementary")),
                method(root.get("settlement").get("method")), root.get("settlement").get("holdback_rate").rate(),
                root.get("settlement").find("late_files").map(n -> enumValue(n.get("policy"), LateFiles.class)).orElse(LateFiles.SETTLE),
                AccountsSection.read(root.get("accounts")), YearEndSection.read(root.get("year_end")));
    }

    private static Yaml yaml() {
        Resolver exactNumbers = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        LoaderOptions options = new LoaderOptions();
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, exactNumbers);
    }

    private static WaitingPeriod waitingPeriod(ProfileNode node) {
        WaitingPeriod.Kind kind = enumValue(node.get("kind"), WaitingPeriod.Kind.class);
        int months = node.find("months").map(n -> n.integer(0, 24)).orElse(0);
        int flexible = node.find("flexible_months").map(n -> n.integer(0, 24)).orElse(months);
        return new WaitingPeriod(kind, months, flexible);
    }

    private static PreSelfPay preSelfPay(ProfileNode node) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        node.get("classes").entries().forEach((column, value) -> {
            if (!FEE_CLASSES.contains(column)) {
                throw value.error("is not a fee-class column (" + String.join(", ", FEE_CLASSES) + ")");
            }
            rates.put(column, value.get("rate").rate());
        });
        return new PreSelfPay(rates, node.find("referral_out").map(n -> n.get("rate").rate()));
    }

    private static final List<String> FEE_CLASSES = List.of("clab_amt", "nego_antitumor_amt", "implant_dom_amt",
            "implant_jv_amt", "implant_imp_amt", "lrg_equip_amt", "transplant_amt");

    private static Deductible deductible(ProfileNode node) {
        Map<Integer, Money> byLevel = new TreeMap<>();
        node.get("by_level").entries().forEach((level, amount) -> byLevel.put(levelOf(amount, level), amount.amount()));
        requireLevels(node.get("by_level"), byLevel.keySet());
        Map<String, Money> byTier = new LinkedHashMap<>();
        node.find("by_tier").ifPresent(t -> t.entries().forEach((tier, amount) -> byTier.put(tier, amount.amount())));
        List<BigDecimal> shares = new ArrayList<>();
        node.find("share_by_admission").ifPresent(list -> list.list().forEach(n -> shares.add(n.rate())));
        return new Deductible(byLevel, byTier, node.find("retiree_less").map(ProfileNode::amount),
                node.find("retiree_share").map(ProfileNode::rate),
                node.find("tcm_uses_lower_level").map(ProfileNode::flag).orElse(false),
                node.find("less_per_repeat_admission").map(ProfileNode::amount), shares,
                node.find("chemo_once_per_year").map(ProfileNode::flag).orElse(false));
    }

    private static FundShare fundShare(ProfileNode node) {
        Map<Integer, List<FundShare.Segment>> byLevel = new TreeMap<>();
        node.get("segments").entries().forEach((level, list) -> {
            List<FundShare.Segment> segments = new ArrayList<>();
            BigDecimal previous = BigDecimal.ZERO;
            List<ProfileNode> items = list.list();
            for (int i = 0; i < items.size(); i++) {
                ProfileNode item = items.get(i);
                Optional<BigDecimal> upTo = item.find("up_to").map(ProfileNode::decimal);
                if (upTo.isEmpty() && i < items.size() - 1) {
                    throw item.error("only the last segment may be open-ended (no up_to)");
                }
                if (upTo.isPresent() && upTo.get().compareTo(previous) <= 0) {
                    throw item.get("up_to").error("segments must rise");
                }
                if (upTo.isPresent() && i == items.size() - 1) {
                    throw item.error("the last segment must be open-ended (no up_to)");
                }
                segments.add(new FundShare.Segment(upTo.orElse(null), item.get("rate").rate()));
                previous = upTo.orElse(previous);
            }
            byLevel.put(levelOf(list, level), List.copyOf(segments));
        });
        requireLevels(node.get("segments"), byLevel.keySet());
        return new FundShare(byLevel, node.find("retiree_points").map(ProfileNode::rate),
                node.find("retiree_copay_share").map(ProfileNode::rate),
                node.find("cross_province_first_share").map(ProfileNode::rate));
    }

    private static AnnualCap annualCap(ProfileNode node) {
        return new AnnualCap(enumValue(node.get("basis"), AnnualCap.Basis.class), node.get("amount").amount());
    }

    private static Supplementary supplementary(ProfileNode node) {
        String kind = node.get("kind").text();
        return switch (kind) {
            case "none" -> new Supplementary.None();
            case "assistance_band" -> new Supplementary.AssistanceBand(node.get("up_to").amount(), node.get("rate").rate());
            case "large_amount" -> new Supplementary.LargeAmount(node.get("rate").rate(), node.get("annual_max").amount());
            case "critical_illness" -> new Supplementary.CriticalIllness(node.get("threshold").amount(),
                    node.get("step").amount(), node.get("lower_rate").rate(), node.get("upper_rate").rate(),
                    node.get("retiree_bonus_per_year").rate(), node.get("max_retiree_bonus").rate());
            default -> throw node.get("kind").error("must be none, assistance_band, large_amount or critical_illness");
        };
    }

    private static SettlementMethod method(ProfileNode node) {
        return enumValue(node, SettlementMethod.class);
    }

    private static int levelOf(ProfileNode node, String key) {
        try {
            int level = Integer.parseInt(key);
            if (level >= 1 && level <= 3) {
                return level;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ProfileException(node.file() + ": " + node.path() + ": the level must be 1, 2 or 3");
    }

    private static void requireLevels(ProfileNode node, java.util.Set<Integer> levels) {
        if (!levels.containsAll(List.of(1, 2, 3))) {
            throw node.error("must give levels 1, 2 and 3 (level 0, unrated, counts as 1)");
        }
    }

    static <E extends Enum<E>> E enumValue(ProfileNode node, Class<E> type) {
        try {
            return Enum.valueOf(type, node.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.error("must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}

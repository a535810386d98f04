package io.medsettle.accountbook;

import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.InputRejectedException;
import io.medsettle.files.Identifiers;

import java.io.PrintWriter;
import java.time.Year;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "account",
        mixinStandardHelpOptions = true,
        header = "Show a member's individual account: its balance and every movement.",
        description = {
                "%nPrints the member (ID number masked), the account's state, and its movements in value-date order: "
                        + "value date, kind (期初结转 opening, 划入 allocation, 支付 spending, 退回 refund, 利息 interest, "
                        + "转入 transfer in, 转出/继承 paid out), amount, the running balance, and where each comes from "
                        + "(a contribution, a discharge or account payment, a month-end run, an event). With --year, the "
                        + "movements of that year between its opening and closing balances. Exits 1 for an unknown member.",
                ""})
public final class AccountCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PSN_NO", description = "The member number (人员编号).")
    String psnNo;

    @Option(names = "--year", paramLabel = "yyyy", description = "Only this year's movements.")
    Year year;

    @Override
    public Integer call() {
        if (!Identifiers.isMemberNumber(psnNo)) {
            throw new ParameterException(spec.commandLine(), "PSN_NO '" + psnNo + "' is not a member number ("
                    + Identifiers.MEMBER_NUMBER_RULE + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.start()) {
            AccountStatement.Statement statement = app.bean(AccountStatement.class).of(psnNo, year)
                    .orElseThrow(() -> new InputRejectedException("no member " + psnNo));
            out.println("个人账户 " + statement.psnNo() + "  " + statement.name() + "  证件号码 " + statement.maskedId()
                    + "  " + statement.category() + "  参保自 " + statement.insuredSince());
            out.println("状态: " + statement.state());
            out.println((year == null ? "全部" : year + "年") + "  期初余额 " + statement.opening());
            ConsoleTable table = ConsoleTable.of("记账日期", "类别", "金额>", "余额>", "来源");
            statement.lines().forEach(l -> table.row(l.valueDate(), l.kindText(), l.amount(), l.balance(), l.source()));
            table.print(out);
            out.println("期末余额 " + statement.closing() + "  (" + statement.lines().size() + " 笔)");
            return 0;
        }
    }
}

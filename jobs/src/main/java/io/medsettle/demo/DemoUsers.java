package io.medsettle.demo;

import io.medsettle.cli.ConsoleTable;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.io.PrintWriter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's users of the web console: a hospital (the demo's first hospital), two accountants (one
 * previews, the other approves: four eyes), finance and an administrator. Each gets a first password,
 * printed once, to be changed at the first login; a demo run again gives new first passwords.
 */
@Component
class DemoUsers {

    private final ConsoleUsers users;
    private final JdbcClient jdbc;

    DemoUsers(ConsoleUsers users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    void create(PrintWriter out) {
        String hospital = jdbc.sql("select min(fixmedins_code) from institution where inst_kind <> 'pharmacy'")
                .query(String.class).single();
        ConsoleTable table = ConsoleTable.of("用户", "角色", "机构", "初始密码");
        for (Object[] user : new Object[][] {{"demo-hospital", Role.HOSPITAL}, {"demo-accountant", Role.ACCOUNTANT},
                {"demo-accountant2", Role.ACCOUNTANT}, {"demo-finance", Role.FINANCE}, {"demo-admin", Role.ADMIN}}) {
            String name = (String) user[0];
            Role role = (Role) user[1];
            List<String> institutions = role == Role.HOSPITAL ? List.of(hospital) : List.of();
            String password = users.find(name).isPresent() ? users.reset(name) : users.add(name, role, institutions);
            table.row(name, role.id(), String.join(" ", institutions), password);
        }
        out.println("Web console users (首次登录须修改密码; first passwords, changed at the first login):");
        table.print(out);
        out.println("Open the console: ./medsettle serve, then http://127.0.0.1:8080/ in a browser.");
    }
}

package io.medsettle.users;

import io.medsettle.runs.Refusal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's users. Passwords are kept as Spring Security's delegating hashes; a first password
 * is generated here, shown once to whoever ran the command, and must be changed at the first login.
 */
@Repository
public class ConsoleUsers {

    /** A user as stored: never the password. */
    public record User(long id, String name, Role role, boolean mustChangePassword, boolean enabled,
                       List<String> institutions) {
    }

    /** The user's name broke a rule, or the name is taken: said in a sentence for the operator, in both languages. */
    public static final class UserException extends Refusal {
        UserException(String chinese, String english) {
            super(chinese, english);
        }
    }

    /** Letters, digits, dots, dashes and underscores, as the database's check says. */
    public static final String NAME_RULE = "1 to 40 letters, digits, '.', '-' or '_'";

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 16;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final SecureRandom random = new SecureRandom();

    ConsoleUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static boolean isName(String name) {
        return name != null && name.matches("[A-Za-z0-9._-]{1,40}");
    }

    /**
     * Adds a user with a generated first password, which is returned (and stored only as its hash).
     * A hospital user needs at least one institution, other roles none.
     */
    @Transactional
    public String add(String name, Role role, Collection<String> institutions) {
        if (!isName(name)) {
            throw new UserException("用户名 '" + name + "' 不符合规则:1 到 40 个字母、数字、'.'、'-' 或 '_'",
                    "the user name '" + name + "' is not " + NAME_RULE);
        }
        if (find(name).isPresent()) {
            throw new UserException("用户 " + name + " 已存在", "a user named " + name + " exists already");
        }
        if (role == Role.HOSPITAL && institutions.isEmpty()) {
            throw new UserException("医院用户至少需要一个机构 (--institution CODE)",
                    "a hospital user needs --institution CODE (one or more)");
        }
        if (role != Role.HOSPITAL && !institutions.isEmpty()) {
            throw new UserException("只有医院用户对应机构;" + role.id() + " 用户可查看全部机构",
                    "only hospital users act for institutions; " + role.id() + " users see them all");
        }
        List<String> unknown = institutions.stream().filter(code -> !institutionExists(code)).toList();
        if (!unknown.isEmpty()) {
            throw new UserException("机构 " + String.join(", ", unknown) + " 不存在(请先导入机构)",
                    "no institution " + String.join(", ", unknown) + " (load institutions first)");
        }
        String password = firstPassword();
        long id = jdbc.sql("""
                        insert into app_user (name, role, password_hash, must_change_password, enabled, created_at)
                        values (?, ?, ?, true, true, ?) returning user_id""")
                .params(name, role.id(), passwords.encode(password), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        for (String code : institutions) {
            jdbc.sql("insert into app_user_institution (user_id, fixmedins_code) values (?, ?)").params(id, code).update();
        }
        return password;
    }

    /** A new first password for a user who forgot theirs (and is enabled again). */
    @Transactional
    public String reset(String name) {
        String password = firstPassword();
        requireUpdated(name, jdbc.sql("""
                        update app_user set password_hash = ?, must_change_password = true, enabled = true where name = ?""")
                .params(passwords.encode(password), name).update());
        return password;
    }

    @Transactional
    public void disable(String name) {
        requireUpdated(name, jdbc.sql("update app_user set enabled = false where name = ?").param(name).update());
    }

    /** The user's own new password, after the old one was checked by the caller. */
    @Transactional
    public void changePassword(String name, String newPassword) {
        requireUpdated(name, jdbc.sql("""
                        update app_user set password_hash = ?, must_change_password = false where name = ?""")
                .params(passwords.encode(newPassword), name).update());
    }

    public Optional<User> find(String name) {
        return jdbc.sql("select user_id, name, role, must_change_password, enabled from app_user where name = ?")
                .param(name)
                .query((rs, n) -> new User(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)), rs.getBoolean(4),
                        rs.getBoolean(5), institutions(rs.getLong(1))))
                .optional();
    }

    /** The stored hash, for Spring Security's check of a login. */
    public Optional<String> passwordHash(String name) {
        return jdbc.sql("select password_hash from app_user where name = ?").param(name).query(String.class).optional();
    }

    public boolean matches(String name, String password) {
        return passwordHash(name).map(hash -> passwords.matches(password, hash)).orElse(false);
    }

    public List<User> all() {
        return jdbc.sql("select name from app_user order by name").query(String.class).list().stream()
                .map(n -> find(n).orElseThrow()).toList();
    }

    private List<String> institutions(long userId) {
        return jdbc.sql("select fixmedins_code from app_user_institution where user_id = ? order by 1")
                .param(userId).query(String.class).list();
    }

    private boolean institutionExists(String code) {
        return jdbc.sql("select exists (select 1 from institution where fixmedins_code = ?)").param(code)
                .query(Boolean.class).single();
    }

    private static void requireUpdated(String name, int rows) {
        if (rows == 0) {
            throw new UserException("没有名为 " + name + " 的用户", "no user named " + name);
        }
    }

    private String firstPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}

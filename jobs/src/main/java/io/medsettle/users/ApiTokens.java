package io.medsettle.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The upload API's tokens: one institution each, shown once when made, kept as their SHA-256, and
 * revoked (never deleted).
 */
@Repository
public class ApiTokens {

    /** A token's row: which institution it sends files for. */
    public record Token(long id, String institution) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token for the institution; the caller shows it once. */
    public String add(String institution) {
        boolean exists = jdbc.sql("select exists (select 1 from institution where fixmedins_code = ?)").param(institution)
                .query(Boolean.class).single();
        if (!exists) {
            throw new ConsoleUsers.UserException("机构 " + institution + " 不存在(请先导入机构)",
                    "no institution " + institution + " (load institutions first)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "mst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into api_token (fixmedins_code, token_sha256, created_at) values (?, ?, ?)")
                .params(institution, sha256(token), Timestamp.from(clock.instant())).update();
        return token;
    }

    public void revoke(long id) {
        if (jdbc.sql("update api_token set revoked = true where token_id = ?").param(id).update() == 0) {
            throw new ConsoleUsers.UserException("没有编号为 " + id + " 的令牌", "no token " + id);
        }
    }

    /** The valid token's row; empty for an unknown or revoked token. */
    public Optional<Token> find(String token) {
        return jdbc.sql("select token_id, fixmedins_code from api_token where token_sha256 = ? and not revoked")
                .param(sha256(token)).query((rs, n) -> new Token(rs.getLong(1), rs.getString(2))).optional();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

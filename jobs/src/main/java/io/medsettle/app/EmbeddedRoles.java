package io.medsettle.app;

import static io.medsettle.app.EmbeddedSecrets.APPLICATION;
import static io.medsettle.app.EmbeddedSecrets.OWNER;
import static io.medsettle.app.EmbeddedSecrets.SUPERUSER;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;

/**
 * The embedded server's roles, set up by the process that starts it, as the superuser: the owner,
 * which owns the database and everything in it and runs the migrations, and the application's
 * role, which owns nothing (its grants come with the migrations, {@code afterMigrate.sql}). Each
 * step is idempotent, so a start cut short is finished by the next one.
 *
 * <p>A data directory from before the two roles has its tables owned by the superuser: they pass
 * to the owner, the one role that may change them from then on.
 */
final class EmbeddedRoles {

    /**
     * Our objects in schema public that the superuser owns. Sequences that belong to a column
     * (identity, serial) follow their table; table row types and array types follow their table
     * or element type.
     */
    private static final String TRANSFER_OWNERSHIP = """
            do $$
            declare
                ddl text;
            begin
                for ddl in
                    select format('alter %s %s owner to %I',
                                  case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                                                 when 'm' then 'materialized view' when 'f' then 'foreign table'
                                                 else 'table' end,
                                  c.oid::regclass, '{owner}')
                      from pg_class c
                     where c.relnamespace = 'public'::regnamespace
                       and c.relowner = '{superuser}'::regrole
                       and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
                       and not exists (select 1 from pg_depend d
                                        where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                          and c.relkind = 'S' and d.deptype in ('a', 'i'))
                    union all
                    select format('alter routine %s owner to %I', p.oid::regprocedure, '{owner}')
                      from pg_proc p
                     where p.pronamespace = 'public'::regnamespace and p.proowner = '{superuser}'::regrole
                    union all
                    select format('alter type %s owner to %I', t.oid::regtype, '{owner}')
                      from pg_type t
                     where t.typnamespace = 'public'::regnamespace and t.typowner = '{superuser}'::regrole
                       and (t.typtype in ('e', 'd', 'r', 'm')
                            or t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c')
                loop
                    execute ddl;
                end loop;
            end $$""";

    private EmbeddedRoles() {
    }

    static void provision(String url, EmbeddedSecrets secrets) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, secrets.superuser());
             Statement s = c.createStatement()) {
            for (String role : new String[] {OWNER, APPLICATION}) {
                if (!exists(c, role)) {
                    s.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole noreplication");
                }
            }
            // The password goes to the server as a SCRAM verifier, never in clear text (which a
            // failing statement would write to the server's log).
            PGConnection pg = c.unwrap(PGConnection.class);
            pg.alterUserPassword(SUPERUSER, secrets.superuser().toCharArray(), "scram-sha-256");
            pg.alterUserPassword(OWNER, secrets.owner().toCharArray(), "scram-sha-256");
            pg.alterUserPassword(APPLICATION, secrets.application().toCharArray(), "scram-sha-256");
            // The database's owner owns schema public too (PostgreSQL 15 and later).
            s.execute("alter database " + c.getCatalog() + " owner to " + OWNER);
            s.execute(TRANSFER_OWNERSHIP.replace("{owner}", OWNER).replace("{superuser}", SUPERUSER));
        }
    }

    private static boolean exists(Connection c, String role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            s.setString(1, role);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}

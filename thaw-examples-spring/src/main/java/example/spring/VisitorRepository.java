package example.spring;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts visits per name in the application's database (table {@code visitor}, see schema.sql). */
@Repository
public class VisitorRepository {

    private final JdbcClient jdbc;

    public VisitorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a visit and returns how many {@code name} has made. */
    public int visit(String name) {
        jdbc.sql("MERGE INTO visitor v USING (VALUES (?)) AS n(name) ON v.name = n.name"
                        + " WHEN MATCHED THEN UPDATE SET v.visits = v.visits + 1"
                        + " WHEN NOT MATCHED THEN INSERT (name, visits) VALUES (n.name, 1)")
                .param(name)
                .update();
        return jdbc.sql("SELECT visits FROM visitor WHERE name = ?").param(name).query(Integer.class).single();
    }
}

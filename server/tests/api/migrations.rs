//! The two engines' migrations make the same database: the same tables,
//! the same columns (and which may be empty), the same indexes on the same
//! columns. Compared when the run has a PostgreSQL server
//! (`PB_TEST_POSTGRES_URL`, as `make test` gives its second run); the
//! SQLite side is always checked to be readable.

use app::store::Db;
use std::collections::BTreeSet;

/// What a schema is made of, by name: tables, their columns (with whether
/// each may be empty), and the indexes (their table and columns, in order).
#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    tables: BTreeSet<String>,
    columns: BTreeSet<(String, String, bool)>,
    indexes: BTreeSet<(String, String, Vec<String>)>,
}

async fn sqlite_schema(db: &Db) -> Schema {
    let Db::Sqlite(pool) = db else {
        panic!("a SQLite database")
    };
    let mut schema = Schema::default();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table,) in tables {
        let columns: Vec<(String, bool, bool)> = sqlx::query_as(
            "SELECT name, \"notnull\", pk > 0 FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for (column, not_null, key) in columns {
            // A key column is never empty, whatever SQLite's flag says.
            schema
                .columns
                .insert((table.clone(), column, !(not_null || key)));
        }
        let indexes: Vec<(String,)> = sqlx::query_as(
            "SELECT name FROM pragma_index_list($1) WHERE origin = 'c' ORDER BY name",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap();
        for (index,) in indexes {
            let columns: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            schema.indexes.insert((
                table.clone(),
                index,
                columns.into_iter().map(|(c,)| c).collect(),
            ));
        }
        schema.tables.insert(table);
    }
    schema
}

async fn postgres_schema(db: &Db) -> Schema {
    let Db::Postgres(pool) = db else {
        panic!("a PostgreSQL database")
    };
    let mut schema = Schema::default();
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.is_nullable::text \
         FROM information_schema.columns c JOIN information_schema.tables t \
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
         AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column, nullable) in columns {
        schema.tables.insert(table.clone());
        schema.columns.insert((table, column, nullable == "YES"));
    }
    // Indexes made by CREATE INDEX (not those of keys and UNIQUE
    // constraints, which SQLite makes under its own names).
    let indexes: Vec<(String, String, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text, \
           ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY AS k(num, ord) \
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num ORDER BY k.ord) \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations' \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    schema.indexes.extend(indexes);
    schema
}

fn differences<T: Ord + std::fmt::Debug>(
    what: &str,
    sqlite: &BTreeSet<T>,
    postgres: &BTreeSet<T>,
) -> Vec<String> {
    let mut found = Vec::new();
    for only in sqlite.difference(postgres) {
        found.push(format!("{what} only on SQLite: {only:?}"));
    }
    for only in postgres.difference(sqlite) {
        found.push(format!("{what} only on PostgreSQL: {only:?}"));
    }
    found
}

#[tokio::test]
async fn both_engines_migrations_make_the_same_tables_columns_and_indexes() {
    let folder = tempfile::tempdir().unwrap();
    let sqlite = Db::connect(&format!(
        "sqlite:{}",
        folder.path().join("schema.db").display()
    ))
    .await
    .unwrap();
    sqlite.migrate().await.unwrap();
    let on_sqlite = sqlite_schema(&sqlite).await;
    assert!(on_sqlite.tables.contains("meeting_logs"), "{on_sqlite:?}");
    assert!(!on_sqlite.indexes.is_empty());

    let Some(server_url) = std::env::var("PB_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("PB_TEST_POSTGRES_URL is not set: the PostgreSQL side is compared in the PostgreSQL run");
        return;
    };
    let (postgres, _) = crate::helpers::fresh_db_at(&server_url).await;
    postgres.migrate().await.unwrap();
    let on_postgres = postgres_schema(&postgres).await;

    let found = compare(&on_sqlite, &on_postgres);
    assert!(
        found.is_empty(),
        "the engines differ:\n{}",
        found.join("\n")
    );
    let (sqlite_tables, postgres_tables) = without_search_index(&on_sqlite, &on_postgres);
    assert_eq!(postgres_tables.tables.len(), sqlite_tables.tables.len());

    // The comparison sees a difference when there is one.
    let Db::Postgres(pool) = &postgres else {
        unreachable!()
    };
    sqlx::query("ALTER TABLE goals ADD COLUMN stray INTEGER")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("CREATE INDEX stray_goals ON goals (stray)")
        .execute(pool)
        .await
        .unwrap();
    let changed = postgres_schema(&postgres).await;
    assert_eq!(
        compare(&on_sqlite, &changed),
        vec![
            r#"column (table, column, may be empty) only on PostgreSQL: ("goals", "stray", true)"#
                .to_string(),
            r#"index (table, name, columns) only on PostgreSQL: ("goals", "stray_goals", ["stray"])"#
                .to_string(),
        ]
    );
}

/// The log search's index is the one part each engine keeps its own way:
/// on SQLite an FTS5 table (and its shadow tables) with the logs' numbers,
/// on PostgreSQL a text search column with its GIN index. Each side's is
/// checked to be there, then left out of the comparison.
fn without_search_index(sqlite: &Schema, postgres: &Schema) -> (Schema, Schema) {
    let sqlite_own =
        |table: &str| table == "meeting_log_words" || table.starts_with("meeting_logs_fts");
    assert!(
        sqlite.tables.contains("meeting_logs_fts"),
        "SQLite's search index"
    );
    assert!(
        sqlite.tables.contains("meeting_log_words"),
        "SQLite's log numbers"
    );
    let postgres_column = ("meeting_logs".to_string(), "words".to_string(), true);
    assert!(
        postgres.columns.contains(&postgres_column),
        "PostgreSQL's search column"
    );
    assert!(
        postgres
            .indexes
            .iter()
            .any(|(_, name, _)| name == "meeting_logs_words"),
        "PostgreSQL's search index"
    );
    let sqlite = Schema {
        tables: sqlite
            .tables
            .iter()
            .filter(|t| !sqlite_own(t))
            .cloned()
            .collect(),
        columns: sqlite
            .columns
            .iter()
            .filter(|c| !sqlite_own(&c.0))
            .cloned()
            .collect(),
        indexes: sqlite
            .indexes
            .iter()
            .filter(|i| !sqlite_own(&i.0))
            .cloned()
            .collect(),
    };
    let postgres = Schema {
        tables: postgres.tables.clone(),
        columns: postgres
            .columns
            .iter()
            .filter(|c| **c != postgres_column)
            .cloned()
            .collect(),
        indexes: postgres
            .indexes
            .iter()
            .filter(|i| i.1 != "meeting_logs_words")
            .cloned()
            .collect(),
    };
    (sqlite, postgres)
}

fn compare(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let (sqlite, postgres) = without_search_index(sqlite, postgres);
    let (sqlite, postgres) = (&sqlite, &postgres);
    let mut found = differences("table", &sqlite.tables, &postgres.tables);
    found.extend(differences(
        "column (table, column, may be empty)",
        &sqlite.columns,
        &postgres.columns,
    ));
    found.extend(differences(
        "index (table, name, columns)",
        &sqlite.indexes,
        &postgres.indexes,
    ));
    found
}

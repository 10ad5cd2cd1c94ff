//! Listing 9-3: SQLAlchemy and Alembic's jobs in sqlx: migrations that run at
//! start-up on an embedded SQLite database, then queries through the pool.

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use std::path::{Path, PathBuf};

// ANCHOR: start_up
/// The folder of migrations, `<version>_<description>.sql`: Alembic's `versions/`.
fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
}

/// Opens (or creates) the database file and brings its schema up to date before the
/// application serves anything: `alembic upgrade head` as part of start-up.
async fn start_up(
    database: &Path,
) -> Result<SqlitePool, Box<dyn std::error::Error>> {
    let options = SqliteConnectOptions::new()
        .filename(database)
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    let migrator = Migrator::new(migrations_dir()).await?;
    // Applies, in order, each migration the database has not recorded yet; each
    // runs in a transaction, and its checksum is kept in `_sqlx_migrations`.
    migrator.run(&pool).await?;
    Ok(pool)
}
// ANCHOR_END: start_up

// ANCHOR: queries
async fn add_product(pool: &SqlitePool, name: &str, price_cents: i64, stock: i64) {
    sqlx::query("INSERT INTO products (name, price_cents, stock) VALUES (?, ?, ?)")
        .bind(name)
        .bind(price_cents)
        .bind(stock)
        .execute(pool)
        .await
        .expect("the schema has these columns");
}

async fn in_stock(pool: &SqlitePool) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "SELECT name, price_cents, stock FROM products WHERE stock > 0 \
         ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("the schema has these columns")
}

/// The migrations this database has recorded: `alembic_version`, with history.
async fn applied(pool: &SqlitePool) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT version, description FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(pool)
    .await
    .expect("the migrator made this table")
}
// ANCHOR_END: queries

// ANCHOR: main
#[tokio::main]
async fn main() {
    let scratch = ScratchDir::new("main");
    let database = scratch.path().join("shop.db");

    let pool = start_up(&database)
        .await
        .expect("the first start-up migrates");
    println!("after the first start-up: {:?}", applied(&pool).await);
    add_product(&pool, "kettle", 2_490, 12).await;
    add_product(&pool, "teapot", 1_850, 0).await;
    pool.close().await;

    // A restart finds both migrations recorded and runs neither again (running 0002
    // twice would fail: SQLite refuses to add the `stock` column a second time).
    let pool = start_up(&database)
        .await
        .expect("a restart migrates nothing");
    println!("after a restart:          {:?}", applied(&pool).await);
    println!("in stock: {:?}", in_stock(&pool).await);
    pool.close().await;
}
// ANCHOR_END: main

/// A folder of its own under the system's temporary folder, removed when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new(purpose: &str) -> Self {
        let name = format!("listing-09-03-{}-{purpose}", std::process::id());
        let path = std::env::temp_dir().join(name);
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("the temporary folder is writable");
        ScratchDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    /// The schema after start-up is the one the two migrations describe, column by
    /// column: name, type, NOT NULL, default.
    #[tokio::test]
    async fn start_up_builds_the_schema_the_migrations_describe() {
        let scratch = ScratchDir::new("schema");
        let pool = start_up(&scratch.path().join("shop.db")).await.unwrap();
        let columns: Vec<(String, String, bool, Option<String>)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", dflt_value \
             FROM pragma_table_info('products')",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let expected = [
            ("id", "INTEGER", false, None),
            ("name", "TEXT", true, None),
            ("price_cents", "INTEGER", true, None),
            ("stock", "INTEGER", true, Some("0")),
        ];
        let expected: Vec<_> = expected
            .map(|(name, kind, not_null, default)| {
                (
                    name.into(),
                    kind.into(),
                    not_null,
                    default.map(String::from),
                )
            })
            .into();
        assert_eq!(columns, expected);
        pool.close().await;
    }

    #[tokio::test]
    async fn a_restart_runs_no_migration_twice() {
        let scratch = ScratchDir::new("restart");
        let database = scratch.path().join("shop.db");
        let pool = start_up(&database).await.unwrap();
        add_product(&pool, "kettle", 2_490, 12).await;
        pool.close().await;
        let pool = start_up(&database).await.expect("0002 is not run again");
        assert_eq!(in_stock(&pool).await, [("kettle".to_owned(), 2_490, 12)]);
        pool.close().await;
    }

    /// Why the restart proves something: running 0002 a second time is an error.
    #[tokio::test]
    async fn running_a_migration_twice_fails() {
        let scratch = ScratchDir::new("twice");
        let pool = start_up(&scratch.path().join("shop.db")).await.unwrap();
        let again = include_str!("../migrations/0002_add_stock.sql");
        let error = sqlx::raw_sql(again).execute(&pool).await.unwrap_err();
        assert!(
            error.to_string().contains("duplicate column name"),
            "{error}"
        );
        pool.close().await;
    }

    /// Editing a migration that a database has already applied is refused at the
    /// next start-up: its checksum no longer matches the one recorded.
    #[tokio::test]
    async fn an_edited_migration_is_refused() {
        let scratch = ScratchDir::new("edited");
        let database = scratch.path().join("shop.db");
        start_up(&database).await.unwrap().close().await;

        let edited = scratch.path().join("migrations");
        std::fs::create_dir_all(&edited).unwrap();
        for entry in std::fs::read_dir(migrations_dir()).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), edited.join(entry.file_name())).unwrap();
        }
        let first = edited.join("0001_create_products.sql");
        let sql = std::fs::read_to_string(&first).unwrap();
        std::fs::write(&first, sql.replace("UNIQUE", "")).unwrap();

        let pool = SqlitePool::connect_with(
            SqliteConnectOptions::new().filename(&database),
        )
        .await
        .unwrap();
        let error = Migrator::new(edited)
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap_err();
        assert!(
            matches!(error, sqlx::migrate::MigrateError::VersionMismatch(1)),
            "{error}"
        );
        pool.close().await;
    }
    // ANCHOR_END: tests
}

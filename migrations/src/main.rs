//! `rubric-migrate [up|down|status|fresh] DATABASE_URL` — the migrations without the server.
//! `rubric migrate` does the same through the main binary.

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::Database;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, url) = match args.as_slice() {
        [cmd, url] => (cmd.as_str(), url.clone()),
        [cmd] => match std::env::var("DATABASE_URL") {
            Ok(url) => (cmd.as_str(), url),
            Err(_) => usage(),
        },
        _ => usage(),
    };
    let db = match Database::connect(&url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot connect to {url}: {e}");
            std::process::exit(1);
        }
    };
    let result = match cmd {
        "up" => Migrator::up(&db, None).await,
        "down" => Migrator::down(&db, Some(1)).await,
        "status" => Migrator::status(&db).await,
        "fresh" => Migrator::fresh(&db).await,
        _ => usage(),
    };
    if let Err(e) = result {
        eprintln!("migration failed: {e}");
        std::process::exit(1);
    }
}

fn usage() -> ! {
    eprintln!("usage: rubric-migrate up|down|status|fresh [DATABASE_URL]");
    std::process::exit(2);
}

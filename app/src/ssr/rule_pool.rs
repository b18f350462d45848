//! Where scoring scripts run: a bounded pool of blocking threads beside the async runtime.
//!
//! Compiling a script, scoring officers and running test cases take as long as a script
//! makes them take (up to the engine's limits, per evaluation). Run on the async worker
//! threads they would stall every other request, `/healthz` included, so every engine call
//! of the server goes through [`RulePool::run`]: the job runs on a `spawn_blocking` thread
//! once one of the pool's seats is free (a global bound, the number of cores, at least two),
//! and one user holds at most a few seats at once (queued or running); a request beyond that
//! is refused with [`Msg::ErrEngineBusy`] (HTTP 429) instead of waiting. Background work
//! started by a user (a simulation) waits for the user's seat instead, through
//! [`RulePool::background`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rubric_rules::RuleEngine;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;
use crate::i18n::Msg;

/// How many engine jobs may run at once, in all and per user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSize {
    /// Jobs running at once in the whole server.
    pub jobs: usize,
    /// Jobs one user may have queued or running at once.
    pub per_user: usize,
}

impl Default for PoolSize {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        PoolSize {
            jobs: cores.max(2),
            per_user: 2,
        }
    }
}

struct Shared {
    engine: Arc<RuleEngine>,
    jobs: Arc<Semaphore>,
    per_user: usize,
    /// One semaphore per user who ran a job (a few hundred at most: the users who edit,
    /// try, simulate or score).
    users: Mutex<HashMap<i32, Arc<Semaphore>>>,
}

/// The one engine and the bounded pool its jobs run on; cheap to clone.
#[derive(Clone)]
pub struct RulePool {
    shared: Arc<Shared>,
    /// Wait for the user's seat instead of refusing (background work).
    queue: bool,
}

impl Default for RulePool {
    fn default() -> Self {
        RulePool::new(Arc::new(RuleEngine::default()), PoolSize::default())
    }
}

impl std::fmt::Debug for RulePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RulePool")
            .field("free", &self.shared.jobs.available_permits())
            .field("per_user", &self.shared.per_user)
            .field("queue", &self.queue)
            .finish()
    }
}

impl RulePool {
    pub fn new(engine: Arc<RuleEngine>, size: PoolSize) -> Self {
        RulePool {
            shared: Arc::new(Shared {
                engine,
                jobs: Arc::new(Semaphore::new(size.jobs.max(1))),
                per_user: size.per_user.max(1),
                users: Mutex::new(HashMap::new()),
            }),
            queue: false,
        }
    }

    /// The same pool for work nobody waits on: a user's jobs queue for the user's seats
    /// instead of being refused.
    pub fn background(&self) -> RulePool {
        RulePool {
            shared: self.shared.clone(),
            queue: true,
        }
    }

    /// Runs `f` with the engine on a blocking thread once a seat is free. `who` is the user
    /// the work is for (`None`: the system, bounded only globally).
    pub async fn run<R, F>(&self, who: Option<i32>, f: F) -> Result<R, AppError>
    where
        F: FnOnce(&RuleEngine) -> R + Send + 'static,
        R: Send + 'static,
    {
        let seat = match who {
            Some(user) => Some(self.user_seat(user).await?),
            None => None,
        };
        let job = self
            .shared
            .jobs
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| AppError::internal("rule pool", e))?;
        let engine = self.shared.engine.clone();
        // The seats move into the job: a request given up by its client still holds them
        // until the script has stopped.
        tokio::task::spawn_blocking(move || {
            let _held = (seat, job);
            // A thread of its own, so that its lower priority (which the engine's worker
            // threads inherit) does not stay with the runtime's blocking thread.
            std::thread::scope(|s| {
                s.spawn(|| {
                    yield_to_requests();
                    f(&engine)
                })
                .join()
            })
        })
        .await
        .map_err(|e| AppError::internal("rule pool job", e))?
        .map_err(|_| AppError::internal("rule pool job", "the job panicked"))
    }

    async fn user_seat(&self, user: i32) -> Result<OwnedSemaphorePermit, AppError> {
        let seats = {
            let mut users = self
                .shared
                .users
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            users
                .entry(user)
                .or_insert_with(|| Arc::new(Semaphore::new(self.shared.per_user)))
                .clone()
        };
        if self.queue {
            return seats
                .acquire_owned()
                .await
                .map_err(|e| AppError::internal("rule pool", e));
        }
        seats.try_acquire_owned().map_err(|_| busy(user))
    }
}

/// Lowers the calling thread's CPU priority (nice 10): with every core running scripts,
/// request handling still gets the CPU first. Scripts keep their wall-clock deadline.
#[cfg(unix)]
fn yield_to_requests() {
    // SAFETY: setpriority only reads its integer arguments; on Linux `PRIO_PROCESS` with
    // `who == 0` changes the calling thread alone. A failure leaves the priority as it was.
    let failed = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) } != 0;
    if failed {
        tracing::debug!("could not lower the priority of an engine job");
    }
}

#[cfg(not(unix))]
fn yield_to_requests() {}

/// The refusal of a user's job beyond their bound (HTTP 429, by `AppError::status_code`).
fn busy(user: i32) -> AppError {
    tracing::info!(user, "engine job refused: the user's seats are taken");
    AppError::refused("engine", Msg::ErrEngineBusy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A pool of four seats, one per user, with user 1's job running until the sender is
    /// dropped or sent to.
    async fn pool_with_a_running_job() -> (
        RulePool,
        std::sync::mpsc::Sender<()>,
        tokio::task::JoinHandle<Result<bool, AppError>>,
    ) {
        let pool = RulePool::new(
            Arc::new(RuleEngine::default()),
            PoolSize {
                jobs: 4,
                per_user: 1,
            },
        );
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let held = {
            let pool = pool.clone();
            tokio::spawn(async move { pool.run(Some(1), move |_| rx.recv().is_ok()).await })
        };
        while pool.shared.jobs.available_permits() == 4 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        (pool, tx, held)
    }

    #[tokio::test]
    async fn a_user_beyond_their_seats_is_refused_and_others_are_not() {
        let (pool, tx, held) = pool_with_a_running_job().await;
        let refused = pool.run(Some(1), |_| ()).await;
        assert_eq!(
            refused,
            Err(AppError::refused("engine", Msg::ErrEngineBusy))
        );
        assert_eq!(pool.run(Some(2), |_| 7).await, Ok(7));
        assert_eq!(pool.run(None, |_| 8).await, Ok(8));
        let _ = tx.send(());
        assert_eq!(held.await.ok(), Some(Ok(true)));
        // The seat is free again once the job is done.
        assert_eq!(pool.run(Some(1), |_| 9).await, Ok(9));
    }

    #[tokio::test]
    async fn background_work_waits_for_the_users_seat() {
        let (pool, tx, held) = pool_with_a_running_job().await;
        let queued = {
            let pool = pool.background();
            tokio::spawn(async move { pool.run(Some(1), |_| 5).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!queued.is_finished());
        let _ = tx.send(());
        assert_eq!(held.await.ok(), Some(Ok(true)));
        assert_eq!(queued.await.ok(), Some(Ok(5)));
    }
}

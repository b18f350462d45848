//! The notifier of a serving process: every few minutes it sweeps for the notifications
//! time brings, and, when an SMTP server is configured, sends the daily digests that are
//! due. SMTP is spoken by `lettre` (the maintained Rust mail crate: message building with
//! correct header encoding for Vietnamese names, SMTP with STARTTLS or implicit TLS over the
//! rustls the database driver already uses).

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;

use app::ssr::services::notifications::{self, Digest};

use crate::config::NotifyArgs;

/// Sends digests through one SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: Option<String>,
    digest_hour: u32,
}

impl Mailer {
    /// The mailer the flags describe; `None` when no SMTP server is given. A bad URL or
    /// sender is an error at start-up, not at the first digest.
    pub fn from_args(args: &NotifyArgs) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = args.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .map_err(|e| anyhow::anyhow!("--smtp-url is not a usable SMTP URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from: Mailbox = args
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("--mail-from is not an address: {e}"))?;
        Ok(Some(Mailer {
            transport,
            from,
            public_url: args.public_url.clone(),
            digest_hour: args.digest_hour,
        }))
    }

    fn message(&self, digest: &Digest) -> anyhow::Result<Message> {
        let (subject, body) = digest.compose(self.public_url.as_deref());
        let to = Mailbox::new(Some(digest.full_name.clone()), digest.email.parse()?);
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)?)
    }

    /// Sends the digests due at `now`; returns how many went out. A digest that cannot be
    /// sent is released for the next run and logged; the others still go.
    pub async fn send_due(
        &self,
        db: &DatabaseConnection,
        now: DateTime<Utc>,
    ) -> anyhow::Result<usize> {
        let digests = notifications::claim_digests(db, now, self.digest_hour)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut sent = 0;
        for digest in digests {
            let result = match self.message(&digest) {
                Ok(m) => self
                    .transport
                    .send(m)
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => sent += 1,
                Err(e) => {
                    tracing::warn!(user = digest.user_id, error = %e, "digest not sent; retried on the next run");
                    notifications::release(db, &digest)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                }
            }
        }
        Ok(sent)
    }
}

/// One round: the sweep as of today in Vietnam, then the digests due.
pub async fn round(db: &DatabaseConnection, args: &NotifyArgs, mailer: Option<&Mailer>) {
    let now = Utc::now();
    let today = app::i18n::vietnam_date(now);
    match notifications::sweep(db, today, args.sweep_settings()).await {
        Ok(r) if r.queues + r.deadlines > 0 => {
            tracing::info!(
                queues = r.queues,
                deadlines = r.deadlines,
                "notifications raised"
            )
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "notification sweep failed"),
    }
    if let Some(mailer) = mailer {
        match mailer.send_due(db, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(digests = n, "e-mail digests sent"),
            Err(e) => tracing::warn!(error = %e, "e-mail digests failed"),
        }
    }
}

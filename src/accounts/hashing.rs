//! Where argon2 runs: at most one hash per core at a time, each in a memory
//! block allocated once and reused, the rest queued for a while and then
//! refused.
//!
//! argon2id with the default parameters fills 19 MiB per hash. Left to the
//! blocking pool, a burst of sign-ups ran one hash per blocking thread, and
//! glibc kept every thread's freed 19 MiB in that thread's arena: 40 sign-ups
//! left the server at 567 MB resident. Here the number of blocks is bounded
//! by the number of permits, and a block is never freed, so memory stays at
//! `cores × 19 MiB` however many requests arrive (measured in
//! `bench/memory.rs`).

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use argon2::password_hash::{
    Output, PasswordHash, SaltString, rand_core::OsRng, rand_core::RngCore,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};
use crate::msg;

/// How long a password check waits for a free core before it is refused.
const QUEUE_TIMEOUT: Duration = Duration::from_secs(10);

/// Bounded, memory-reusing argon2.
#[derive(Clone)]
pub struct HashingPool(Arc<Inner>);

struct Inner {
    permits: Arc<Semaphore>,
    /// Blocks not in use; never more than there are permits.
    blocks: Mutex<Vec<Vec<Block>>>,
    queue_timeout: Duration,
}

impl HashingPool {
    /// A pool running at most `at_once` hashes, queueing others for `queue_timeout`.
    pub fn new(at_once: usize, queue_timeout: Duration) -> HashingPool {
        HashingPool(Arc::new(Inner {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
            blocks: Mutex::new(Vec::new()),
            queue_timeout,
        }))
    }

    /// The process's pool: one hash per core, because cores are what hashing uses.
    pub fn shared() -> &'static HashingPool {
        static POOL: OnceLock<HashingPool> = OnceLock::new();
        POOL.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            HashingPool::new(cores, QUEUE_TIMEOUT)
        })
    }

    /// The PHC string of an argon2id hash (default parameters) with a fresh salt.
    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move |blocks| hash_into(password.as_bytes(), blocks))
            .await
    }

    /// Whether `candidate` matches the PHC string `stored`.
    pub async fn verify(&self, candidate: String, stored: String) -> AppResult<bool> {
        self.run(move |blocks| verify_with(candidate.as_bytes(), &stored, blocks))
            .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let permit = tokio::time::timeout(
            self.0.queue_timeout,
            Arc::clone(&self.0.permits).acquire_owned(),
        )
        .await
        .map_err(|_| busy(self.0.queue_timeout))?
        .map_err(AppError::internal)?;
        let inner = Arc::clone(&self.0);
        // The permit moves into the blocking task: if the request is dropped
        // mid-hash, the core stays counted as busy until the hash ends.
        let job = tokio::task::spawn_blocking(move || {
            let mut blocks = take_block(&inner);
            let outcome = work(&mut blocks);
            give_back(&inner, blocks);
            drop(permit);
            outcome
        });
        job.await.map_err(AppError::internal)?
    }
}

fn take_block(inner: &Inner) -> Vec<Block> {
    let reused = match inner.blocks.lock() {
        Ok(mut free) => free.pop(),
        Err(poisoned) => poisoned.into_inner().pop(),
    };
    reused.unwrap_or_default()
}

fn give_back(inner: &Inner, blocks: Vec<Block>) {
    match inner.blocks.lock() {
        Ok(mut free) => free.push(blocks),
        Err(poisoned) => poisoned.into_inner().push(blocks),
    }
}

/// The answer when every core has been hashing for the whole queue timeout.
fn busy(waited: Duration) -> AppError {
    AppError::RateLimited {
        message: msg!("limit-hashing-busy"),
        retry_after_seconds: waited.as_secs().max(1),
    }
}

/// `blocks` grown (never shrunk) to what `params` needs.
fn blocks_for<'b>(blocks: &'b mut Vec<Block>, params: &Params) -> &'b mut [Block] {
    let needed = params.block_count();
    if blocks.len() < needed {
        blocks.resize(needed, Block::default());
    }
    &mut blocks[..needed]
}

fn hash_into(password: &[u8], blocks: &mut Vec<Block>) -> AppResult<String> {
    let argon2 = Argon2::default();
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let salt_string = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2
        .hash_password_into_with_memory(
            password,
            &salt,
            &mut out,
            blocks_for(blocks, argon2.params()),
        )
        .map_err(AppError::internal)?;
    let phc = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: argon2.params().try_into().map_err(AppError::internal)?,
        salt: Some(salt_string.as_salt()),
        hash: Some(Output::new(&out).map_err(AppError::internal)?),
    };
    Ok(phc.to_string())
}

fn verify_with(candidate: &[u8], stored: &str, blocks: &mut Vec<Block>) -> AppResult<bool> {
    let phc = PasswordHash::new(stored).map_err(AppError::internal)?;
    let algorithm = Algorithm::try_from(phc.algorithm).map_err(AppError::internal)?;
    let version = phc
        .version
        .map(Version::try_from)
        .transpose()
        .map_err(AppError::internal)?
        .unwrap_or_default();
    let params = Params::try_from(&phc).map_err(AppError::internal)?;
    let (Some(salt), Some(expected)) = (phc.salt, phc.hash) else {
        return Err(AppError::Internal(
            "stored hash has no salt or output".into(),
        ));
    };
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut salt_bytes)
        .map_err(AppError::internal)?;
    let mut out = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version, params);
    argon2
        .hash_password_into_with_memory(
            candidate,
            salt_bytes,
            &mut out,
            blocks_for(blocks, argon2.params()),
        )
        .map_err(AppError::internal)?;
    // `Output`'s equality is constant-time.
    Ok(Output::new(&out).map_err(AppError::internal)? == expected)
}

#[cfg(test)]
mod tests {
    use argon2::PasswordHasher;

    use super::*;

    #[test]
    fn a_hash_in_reused_memory_is_the_hash_argon2_would_give() {
        let mut blocks = Vec::new();
        let phc = hash_into(b"correct horse battery", &mut blocks).expect("hashes");
        let parsed = PasswordHash::new(&phc).expect("PHC string");
        let salt = parsed.salt.expect("salt");
        let reference = Argon2::default()
            .hash_password(b"correct horse battery", salt)
            .expect("hashes")
            .to_string();
        assert_eq!(phc, reference);
        // The same memory serves the next check.
        assert!(verify_with(b"correct horse battery", &phc, &mut blocks).expect("verifies"));
        assert!(!verify_with(b"correct horse battery!", &phc, &mut blocks).expect("verifies"));
    }

    #[tokio::test]
    async fn a_check_that_waits_too_long_for_a_core_is_refused() {
        let pool = HashingPool::new(1, Duration::from_millis(50));
        let busy_core = Arc::clone(&pool.0.permits)
            .acquire_owned()
            .await
            .expect("permit");
        let refused = pool.hash("a long enough password".into()).await;
        assert!(
            matches!(refused, Err(AppError::RateLimited { .. })),
            "{refused:?}"
        );
        drop(busy_core);
        assert!(pool.hash("a long enough password".into()).await.is_ok());
    }

    #[tokio::test]
    async fn no_more_blocks_than_cores_are_ever_allocated() {
        let pool = HashingPool::new(2, Duration::from_secs(60));
        let checks: Vec<_> = (0..6)
            .map(|_| {
                let pool = pool.clone();
                tokio::spawn(async move { pool.hash("a long enough password".into()).await })
            })
            .collect();
        for check in checks {
            check.await.expect("joined").expect("hashed");
        }
        let free = pool.0.blocks.lock().expect("not poisoned").len();
        assert!((1..=2).contains(&free), "{free} blocks");
    }
}

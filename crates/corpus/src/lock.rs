//! One run per output folder.
//!
//! A run that writes an output folder holds an advisory lock on
//! `OUT/.jplan.lock` (`flock`, released by the operating system when the
//! process ends, however it ends) and writes its pid, start time and command
//! into that file, so a second run can say whom it is waiting for. A run
//! that finishes empties the file before letting go; a run that finds the
//! lock free but the file still naming a process knows that process was
//! killed, and takes over (the output writer then clears what was left).
//!
//! Readers of a folder (`jplan merge` reading shard folders) take the same
//! lock shared, so they never read a folder halfway through being replaced.
//! The lock file is never removed: removing it while another process waits
//! on it would let a third one lock a new file beside them.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The lock file's name in the output folder.
pub const LOCK_FILE: &str = ".jplan.lock";

/// The run that holds (or held) a lock, as its lock file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Its process id.
    pub pid: u32,
    /// When it took the lock, in seconds since 1970.
    pub started: Option<u64>,
    /// Its command line.
    pub command: String,
}

impl Holder {
    fn parse(text: &str) -> Option<Holder> {
        let mut pid = None;
        let mut started = None;
        let mut command = String::new();
        for line in text.lines() {
            if let Some(v) = line.strip_prefix("pid=") {
                pid = v.trim().parse().ok();
            } else if let Some(v) = line.strip_prefix("started=") {
                started = v.trim().parse().ok();
            } else if let Some(v) = line.strip_prefix("command=") {
                command = v.to_string();
            }
        }
        Some(Holder {
            pid: pid?,
            started,
            command,
        })
    }

    fn render(&self) -> String {
        format!(
            "pid={}\nstarted={}\ncommand={}\n",
            self.pid,
            self.started.unwrap_or(0),
            self.command.replace('\n', " ")
        )
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pid {}", self.pid)?;
        if let Some(s) = self.started {
            let ago = now().saturating_sub(s);
            write!(f, ", started {ago} s ago")?;
        }
        if !self.command.is_empty() {
            write!(f, ": {}", self.command)?;
        }
        Ok(())
    }
}

/// Why a folder could not be locked.
#[derive(Debug)]
#[non_exhaustive]
pub enum LockError {
    /// Another run holds the folder.
    Busy {
        /// The folder.
        dir: PathBuf,
        /// Who holds it, when its lock file says (it may be between taking
        /// the lock and writing its pid).
        holder: Option<Holder>,
    },
    /// The lock file could not be created, opened or locked.
    Io {
        /// The folder.
        dir: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Busy { dir, holder } => {
                write!(f, "{} is in use by another jplan run (", dir.display())?;
                match holder {
                    Some(h) => write!(f, "{h}")?,
                    None => f.write_str("pid not yet recorded")?,
                }
                f.write_str(")")
            }
            LockError::Io { dir, source } => {
                write!(f, "cannot lock {}: {source}", dir.join(LOCK_FILE).display())
            }
        }
    }
}

impl std::error::Error for LockError {}

/// The exclusive lock on an output folder, held until dropped.
#[derive(Debug)]
pub struct OutputLock {
    dir: PathBuf,
    file: File,
    abandoned_by: Option<Holder>,
}

impl OutputLock {
    /// Lock `dir` (created if missing) for writing, or fail at once with
    /// [`LockError::Busy`] naming the run that holds it. `command` is
    /// recorded for that message.
    pub fn try_acquire(dir: &Path, command: &str) -> Result<Self, LockError> {
        Self::acquire_with(dir, command, None::<fn(Option<&Holder>)>)
    }

    /// Lock `dir` for writing, waiting for a run that holds it to end;
    /// `on_wait` is called once, with the holder, before waiting.
    pub fn acquire(
        dir: &Path,
        command: &str,
        on_wait: impl FnOnce(Option<&Holder>),
    ) -> Result<Self, LockError> {
        Self::acquire_with(dir, command, Some(on_wait))
    }

    fn acquire_with(
        dir: &Path,
        command: &str,
        on_wait: Option<impl FnOnce(Option<&Holder>)>,
    ) -> Result<Self, LockError> {
        let io_err = |source| LockError::Io {
            dir: dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(io_err)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(LOCK_FILE))
            .map_err(io_err)?;
        if !sys::try_lock(&file, true).map_err(io_err)? {
            let holder = read_holder(&mut file);
            match on_wait {
                None => {
                    return Err(LockError::Busy {
                        dir: dir.to_path_buf(),
                        holder,
                    });
                }
                Some(f) => {
                    f(holder.as_ref());
                    sys::lock(&file).map_err(io_err)?;
                }
            }
        }
        // Locked. A holder still named in the file ended without letting
        // go cleanly: it was killed.
        let abandoned_by = read_holder(&mut file);
        let me = Holder {
            pid: std::process::id(),
            started: Some(now()),
            command: command.to_string(),
        };
        (|| {
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(me.render().as_bytes())?;
            file.flush()
        })()
        .map_err(io_err)?;
        Ok(OutputLock {
            dir: dir.to_path_buf(),
            file,
            abandoned_by,
        })
    }

    /// The folder locked.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The run that held this folder before and was killed (or crashed)
    /// without letting go, if the lock file still named one.
    pub fn abandoned_by(&self) -> Option<&Holder> {
        self.abandoned_by.as_ref()
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Emptied while still locked: the next run sees a clean end. The
        // lock itself goes with the file descriptor.
        let _ = self.file.set_len(0);
    }
}

/// A shared lock on a folder being read: no run can replace the folder's
/// files while it is held. Held until dropped.
#[derive(Debug)]
pub struct ReadLock {
    _file: Option<File>,
}

impl ReadLock {
    /// Lock `dir` for reading, or fail at once with [`LockError::Busy`]
    /// when a run is writing it. A folder without a lock file that cannot
    /// be given one (read-only) is read unlocked: no jplan run can be
    /// writing it.
    pub fn try_acquire(dir: &Path) -> Result<Self, LockError> {
        let path = dir.join(LOCK_FILE);
        let file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => f,
            Err(_) => match File::open(&path) {
                Ok(f) => f,
                Err(_) => return Ok(ReadLock { _file: None }),
            },
        };
        let io_err = |source| LockError::Io {
            dir: dir.to_path_buf(),
            source,
        };
        if !sys::try_lock(&file, false).map_err(io_err)? {
            let mut file = file;
            return Err(LockError::Busy {
                dir: dir.to_path_buf(),
                holder: read_holder(&mut file),
            });
        }
        Ok(ReadLock { _file: Some(file) })
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    Holder::parse(&text)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(unix)]
mod sys {
    use std::fs::File;
    use std::io;
    use std::os::unix::io::AsRawFd;

    fn flock(file: &File, op: libc::c_int) -> io::Result<()> {
        loop {
            // SAFETY: flock on a descriptor this `File` owns; no memory is
            // passed.
            if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
                return Ok(());
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    /// Take the lock without waiting: `Ok(false)` when another holds it.
    pub fn try_lock(file: &File, exclusive: bool) -> io::Result<bool> {
        let op = if exclusive {
            libc::LOCK_EX
        } else {
            libc::LOCK_SH
        };
        match flock(file, op | libc::LOCK_NB) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Wait for the exclusive lock.
    pub fn lock(file: &File) -> io::Result<()> {
        flock(file, libc::LOCK_EX)
    }
}

#[cfg(not(unix))]
mod sys {
    // Elsewhere the standard library's file locks (LockFileEx on Windows).
    use std::fs::{File, TryLockError};
    use std::io;

    pub fn try_lock(file: &File, exclusive: bool) -> io::Result<bool> {
        let r = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match r {
            Ok(()) => Ok(true),
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    pub fn lock(file: &File) -> io::Result<()> {
        file.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = OutputLock::try_acquire(&out, "jplan extract a").unwrap();
        assert_eq!(first.abandoned_by(), None, "a fresh folder");
        // Another open file description conflicts even in the same process.
        let err = OutputLock::try_acquire(&out, "jplan extract b").unwrap_err();
        let LockError::Busy { holder, .. } = &err else {
            panic!("{err}");
        };
        let holder = holder.as_ref().unwrap();
        assert_eq!(holder.pid, std::process::id());
        assert_eq!(holder.command, "jplan extract a");
        let message = err.to_string();
        assert!(
            message.contains(&format!("pid {}", std::process::id())) && message.contains("in use"),
            "{message}"
        );
        assert!(matches!(
            ReadLock::try_acquire(&out),
            Err(LockError::Busy { .. })
        ));
        drop(first);
        let second = OutputLock::try_acquire(&out, "jplan extract b").unwrap();
        assert_eq!(second.abandoned_by(), None, "the first let go cleanly");
    }

    #[test]
    fn a_lock_file_naming_a_dead_run_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // What a killed run leaves: its pid in the file, no lock held.
        fs::write(
            dir.path().join(LOCK_FILE),
            "pid=4000000\nstarted=1\ncommand=jplan extract x\n",
        )
        .unwrap();
        let lock = OutputLock::try_acquire(dir.path(), "jplan extract y").unwrap();
        let gone = lock.abandoned_by().unwrap();
        assert_eq!(gone.pid, 4_000_000);
        assert_eq!(gone.command, "jplan extract x");
        let text = fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert!(text.starts_with(&format!("pid={}\n", std::process::id())));
        drop(lock);
        assert_eq!(
            fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap(),
            "",
            "a clean end empties the file"
        );
    }

    #[test]
    fn a_waiting_lock_gets_the_folder_when_the_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::try_acquire(dir.path(), "first").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let lock = OutputLock::acquire(&path, "second", |h| {
                tx.send(h.map(|h| h.command.clone())).unwrap();
            })
            .unwrap();
            fs::read_to_string(lock.dir().join(LOCK_FILE)).unwrap()
        });
        assert_eq!(rx.recv().unwrap().as_deref(), Some("first"));
        drop(first);
        let text = waiter.join().unwrap();
        assert!(text.contains("command=second"), "{text}");
    }

    #[test]
    fn readers_share_and_exclude_writers() {
        let dir = tempfile::tempdir().unwrap();
        let a = ReadLock::try_acquire(dir.path()).unwrap();
        let b = ReadLock::try_acquire(dir.path()).unwrap();
        assert!(matches!(
            OutputLock::try_acquire(dir.path(), "w"),
            Err(LockError::Busy { .. })
        ));
        drop((a, b));
        assert!(OutputLock::try_acquire(dir.path(), "w").is_ok());
    }

    #[test]
    fn holder_lines_parse_leniently() {
        assert_eq!(Holder::parse(""), None);
        assert_eq!(
            Holder::parse("pid=12"),
            Some(Holder {
                pid: 12,
                started: None,
                command: String::new()
            })
        );
        assert_eq!(Holder::parse("pid=x\n"), None);
    }
}

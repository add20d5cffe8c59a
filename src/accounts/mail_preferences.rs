//! Which optional mail a person wants (reminders, the dead-letter digest).
//! Everything is on until the person turns it off; messages about money
//! or a booking's state are not optional and never consult this.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set};

use crate::db::global;
use crate::entities::mail_preference;
use crate::entities::unsubscribe_token::MailCategory;
use crate::error::AppResult;

/// A person's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailPreferences {
    /// The reminder the day before a booking.
    pub reminders: bool,
    /// The managers' daily digest of undelivered messages.
    pub digests: bool,
}

impl Default for MailPreferences {
    fn default() -> MailPreferences {
        MailPreferences {
            reminders: true,
            digests: true,
        }
    }
}

impl MailPreferences {
    /// Whether mail of `category` is wanted.
    pub fn wants(self, category: MailCategory) -> bool {
        match category {
            MailCategory::Reminders => self.reminders,
            MailCategory::Digests => self.digests,
        }
    }

    /// These choices with `change` made.
    pub fn with(self, change: Change) -> MailPreferences {
        MailPreferences {
            reminders: change.reminders.unwrap_or(self.reminders),
            digests: change.digests.unwrap_or(self.digests),
        }
    }
}

/// What to change; `None` leaves a choice as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    /// Reminders on or off.
    pub reminders: Option<bool>,
    /// Digests on or off.
    pub digests: Option<bool>,
}

impl Change {
    /// Turns `category` off, nothing else.
    pub fn turn_off(category: MailCategory) -> Change {
        match category {
            MailCategory::Reminders => Change {
                reminders: Some(false),
                digests: None,
            },
            MailCategory::Digests => Change {
                reminders: None,
                digests: Some(false),
            },
        }
    }
}

/// The choices of `user`.
pub async fn of(conn: &impl ConnectionTrait, user: uuid::Uuid) -> AppResult<MailPreferences> {
    let row = global::find::<mail_preference::Entity>()
        .filter(mail_preference::Column::UserId.eq(user))
        .one(conn)
        .await?;
    Ok(
        row.map_or_else(MailPreferences::default, |r| MailPreferences {
            reminders: r.reminders,
            digests: r.digests,
        }),
    )
}

/// Makes `change` to the choices of `user`, touching only the choices it
/// names, so two requests changing different choices at once both count.
/// The row is made once (a second insert does nothing), then updated.
pub async fn change(
    conn: &impl ConnectionTrait,
    user: uuid::Uuid,
    change: Change,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let first = MailPreferences::default().with(change);
    let made = global::insert_unless_present(
        conn,
        mail_preference::ActiveModel {
            user_id: Set(user),
            reminders: Set(first.reminders),
            digests: Set(first.digests),
            updated_at: Set(now),
        },
    )
    .await?;
    if made {
        return Ok(());
    }
    let mut update = global::update_many::<mail_preference::Entity>()
        .col_expr(mail_preference::Column::UpdatedAt, Expr::value(now))
        .filter(mail_preference::Column::UserId.eq(user));
    if let Some(on) = change.reminders {
        update = update.col_expr(mail_preference::Column::Reminders, Expr::value(on));
    }
    if let Some(on) = change.digests {
        update = update.col_expr(mail_preference::Column::Digests, Expr::value(on));
    }
    update.exec(conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_on_until_turned_off_one_category_at_a_time() {
        let all = MailPreferences::default();
        assert!(all.wants(MailCategory::Reminders) && all.wants(MailCategory::Digests));
        let quiet = all.with(Change::turn_off(MailCategory::Digests));
        assert!(quiet.wants(MailCategory::Reminders));
        assert!(!quiet.wants(MailCategory::Digests));
        let silent = quiet.with(Change::turn_off(MailCategory::Reminders));
        assert_eq!(
            silent,
            MailPreferences {
                reminders: false,
                digests: false
            }
        );
        let back = silent.with(Change {
            reminders: Some(true),
            digests: None,
        });
        assert!(back.reminders && !back.digests);
    }
}

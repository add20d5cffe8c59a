//! Asks the authorization policy about the request's caller: the facts the
//! request knows (who, platform administrator, role in the hub), and the
//! answers in the order clients have always seen them: log in, then name a
//! hub, then the policy's decision.

use crate::error::AppResult;
use crate::request::{RequestContext, Viewer};

use super::policy::{self, Action, Actor};

/// The policy's questions, asked of a request.
pub trait Authorize {
    /// The caller as the policy sees them, without the organizations they
    /// act for (those need the hub's data: `organizations::acting`).
    fn actor(&self) -> Actor;

    /// The viewer, if the policy lets them do `action`, which must not
    /// depend on the organizations the viewer acts for.
    fn require(&self, action: Action) -> AppResult<&Viewer>;
}

impl Authorize for RequestContext {
    fn actor(&self) -> Actor {
        Actor {
            user: self.viewer.as_ref().map(Viewer::id),
            platform_admin: self
                .viewer
                .as_ref()
                .is_some_and(|v| v.user.is_platform_admin),
            role: self.role,
            organizations: Vec::new(),
        }
    }

    fn require(&self, action: Action) -> AppResult<&Viewer> {
        let viewer = self.viewer()?;
        if action != Action::CreateHub {
            self.hub()?;
        }
        policy::check(&self.actor(), action)?;
        Ok(viewer)
    }
}

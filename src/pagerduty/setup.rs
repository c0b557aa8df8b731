//! What `dw init --from-pagerduty` reads: a schedule with its layers, and
//! the users on them.

use reqwest::Method;
use serde::Deserialize;

use super::*;

impl PagerDuty<'_> {
    /// `GET /schedules/{id}` with its layers and, between `since` and
    /// `until`, the rendered final schedule and overrides (times as
    /// PagerDuty renders them in the schedule's zone).
    pub fn schedule_detail(
        &self,
        schedule: &str,
        since: &str,
        until: &str,
    ) -> Result<ScheduleDetail> {
        let path = format!("/schedules/{}", path_segment(schedule));
        let what = format!("GET {path}");
        let req = self.request(
            Method::GET,
            &path,
            &[("since", since.to_string()), ("until", until.to_string())],
        );
        #[derive(Deserialize)]
        struct Body {
            schedule: ScheduleDetail,
        }
        let body: Body = decode(&what, &self.send(&what, &req)?)?;
        Ok(body.schedule)
    }

    /// `GET /users/{id}`: the user's name and email.
    pub fn user(&self, id: &str) -> Result<User> {
        let path = format!("/users/{}", path_segment(id));
        let what = format!("GET {path}");
        let req = self.request(Method::GET, &path, &[]);
        #[derive(Deserialize)]
        struct Body {
            user: User,
        }
        let body: Body = decode(&what, &self.send(&what, &req)?)?;
        Ok(body.user)
    }
}

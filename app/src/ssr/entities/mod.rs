//! sea-orm entities, one per table. Hand-written model logic lives in `services`.

pub mod activation_code;
pub mod api_token;
pub mod appeal;
pub mod audit_event;
pub mod audit_head;
pub mod catalog_item;
pub mod criteria_points;
pub mod job;
pub mod job_description_version;
pub mod job_part;
pub mod password_reset_request;
pub mod period;
pub mod period_score;
pub mod position;
pub mod position_agency;
pub mod rule_check;
pub mod rule_set;
pub mod rule_set_version;
pub mod session;
pub mod sign_in_failure;
pub mod simulation;
pub mod simulation_result;
pub mod unit;
pub mod user;
pub mod user_role;
pub mod work_log_entry;

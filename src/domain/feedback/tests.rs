//! Tests of feedback: the status lifecycle and its moves, what resolving and closing need, overdue
//! against the response targets, and the checked levels.

use super::*;
use FeedbackStatus::*;

#[test]
fn status_moves_follow_the_lifecycle_one_step_at_a_time() {
    let legal = [
        (New, Investigating),
        (Investigating, Resolved),
        (Resolved, Closed),
        (Resolved, Reopened),
        (Closed, Reopened),
        (Reopened, Investigating),
    ];
    for from in FeedbackStatus::ALL {
        for to in FeedbackStatus::ALL {
            let expected = from == to || legal.contains(&(*from, *to));
            assert_eq!(from.can_move_to(*to), expected, "{from} → {to}");
        }
    }
}

/// A moment of the test: `now`, `t1` and `t2` an hour apart.
fn at(name: &str) -> chrono::DateTime<chrono::Utc> {
    let hour = ["now", "t1", "t2", "t3", "t"]
        .iter()
        .position(|n| *n == name)
        .expect("a named moment") as u32;
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(9 + hour, 0, 0))
        .expect("a time")
        .and_utc()
}

fn item(status: FeedbackStatus) -> Feedback {
    Feedback {
        id: FeedbackId(1),
        customer_id: CustomerId(1),
        received_at: super::super::dates::parse_stored_time("2026-11-10T09:00:00Z").unwrap(),
        kind: FeedbackKind::Complaint,
        channel: None,
        title: "late".into(),
        body: None,
        urgency: 2,
        importance: 2,
        status,
        assignee: None,
        resolution: None,
        resolved_at: None,
        satisfaction: None,
    }
}

fn to(status: FeedbackStatus) -> Change {
    Change {
        status: Some(status),
        ..Change::default()
    }
}

#[test]
fn an_illegal_move_names_from_and_to_and_what_is_allowed() {
    let e = item(New).changed(&to(Closed), at("now")).unwrap_err();
    assert_eq!(e.field, "status");
    assert!(e.reason.contains("new") && e.reason.contains("closed"), "{}", e.reason);
    assert!(
        e.reason.contains("investigating"),
        "names the way forward: {}",
        e.reason
    );
    assert!(item(Investigating).changed(&to(Reopened), at("now")).is_err());
}

#[test]
fn resolving_needs_a_resolution_and_closing_a_score_or_an_explicit_skip() {
    let e = item(Investigating).changed(&to(Resolved), at("t1")).unwrap_err();
    assert_eq!(e.field, "resolution");
    let blank = Change {
        resolution: Some("  ".into()),
        ..to(Resolved)
    };
    assert_eq!(
        item(Investigating).changed(&blank, at("t1")).unwrap_err().field,
        "resolution"
    );
    let resolving = Change {
        resolution: Some("refunded the shipping".into()),
        ..to(Resolved)
    };
    let resolved = item(Investigating).changed(&resolving, at("t1")).unwrap();
    assert_eq!(resolved.resolved_at, Some(at("t1")));
    assert_eq!(
        resolved.changed(&to(Closed), at("t2")).unwrap_err().field,
        "satisfaction"
    );
    let scored = Change {
        satisfaction: Some(Satisfaction::Score(4)),
        ..to(Closed)
    };
    assert_eq!(resolved.changed(&scored, at("t2")).unwrap().satisfaction, Some(4));
    let skipped = Change {
        satisfaction: Some(Satisfaction::Skipped),
        ..to(Closed)
    };
    let closed = resolved.changed(&skipped, at("t2")).unwrap();
    assert_eq!((closed.status, closed.satisfaction), (Closed, None));
    let out_of_range = Change {
        satisfaction: Some(Satisfaction::Score(6)),
        ..to(Closed)
    };
    assert_eq!(
        resolved.changed(&out_of_range, at("t2")).unwrap_err().field,
        "satisfaction"
    );
    let reopened = closed.changed(&to(Reopened), at("t3")).unwrap();
    assert_eq!((reopened.resolution, reopened.resolved_at), (None, None));
}

#[test]
fn a_score_is_given_when_closing_and_skip_is_said_in_words() {
    let early = Change {
        satisfaction: Some(Satisfaction::Score(3)),
        ..Change::default()
    };
    assert_eq!(
        item(Investigating).changed(&early, at("t")).unwrap_err().field,
        "satisfaction"
    );
    assert_eq!("skip".parse::<Satisfaction>().unwrap(), Satisfaction::Skipped);
    assert_eq!(" 5 ".parse::<Satisfaction>().unwrap(), Satisfaction::Score(5));
    assert!("0".parse::<Satisfaction>().is_err());
    assert!("".parse::<Satisfaction>().is_err());
}

#[test]
fn overdue_counts_days_past_the_target_of_the_priority_in_force() {
    let f = item(New);
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let t = RespondDays::default();
    // P3 for tier B: 7 days target, 10 days old → 3 days overdue.
    assert_eq!(f.overdue_days(Some(Tier::B), today, &t, &chrono::Utc), Some(3));
    assert_eq!(
        f.respond_by(Some(Tier::B), &t, &chrono::Utc),
        NaiveDate::from_ymd_opt(2026, 11, 17)
    );
    // Tier A raises it to P2: 3-day target → 7 days overdue.
    assert_eq!(f.overdue_days(Some(Tier::A), today, &t, &chrono::Utc), Some(7));
    // A longer target of the config moves the day.
    let long = RespondDays([1, 3, 10, 14]);
    assert_eq!(f.overdue_days(Some(Tier::B), today, &long, &chrono::Utc), None);
    let closed = Feedback { status: Closed, ..f };
    assert_eq!(closed.overdue_days(Some(Tier::A), today, &t, &chrono::Utc), None);
}

#[test]
fn response_targets_are_in_range_and_in_order_of_urgency() {
    let all = |_: &str| true;
    assert!(RespondDays::default().check(&all).is_ok());
    assert_eq!(
        RespondDays([0, 3, 7, 14]).check(&all).unwrap_err().field,
        "feedback.respond_days.P1"
    );
    assert_eq!(
        RespondDays([1, 3, 7, 400]).check(&all).unwrap_err().field,
        "feedback.respond_days.P4"
    );
    let e = RespondDays([1, 8, 7, 14]).check(&all).unwrap_err();
    assert_eq!(e.field, "feedback.respond_days.P3");
    // Only P2 was written: the error names it, not the default it disagrees with.
    let e = RespondDays([1, 8, 7, 14]).check(&|k| k.ends_with("P2")).unwrap_err();
    assert_eq!(e.field, "feedback.respond_days.P2");
    assert!(
        e.reason.contains("P2 = 8") && e.reason.contains("P3 = 7"),
        "{}",
        e.reason
    );
}

#[test]
fn levels_are_checked() {
    assert_eq!(check_level("urgency", 3).unwrap(), 3);
    assert_eq!(check_level("urgency", 4).unwrap_err().field, "urgency");
    assert!(check_satisfaction(0).is_err());
    assert_eq!(check_satisfaction(5).unwrap(), 5);
}

#[test]
fn a_score_or_resolution_out_of_place_and_a_move_to_the_same_status_are_refused() {
    let scored = Change {
        satisfaction: Some(Satisfaction::Score(3)),
        ..to(Investigating)
    };
    assert_eq!(item(New).changed(&scored, at("t")).unwrap_err().field, "satisfaction");
    let resolution = Change {
        resolution: Some("zzz".into()),
        ..Change::default()
    };
    for status in [New, Investigating, Reopened] {
        assert_eq!(
            item(status).changed(&resolution, at("t")).unwrap_err().field,
            "resolution"
        );
    }
    assert_eq!(
        item(Resolved)
            .changed(&resolution, at("t"))
            .unwrap()
            .resolution
            .as_deref(),
        Some("zzz")
    );
    let reopening = Change {
        resolution: Some("zzz".into()),
        ..to(Reopened)
    };
    assert_eq!(
        item(Closed).changed(&reopening, at("t")).unwrap_err().field,
        "resolution"
    );
    for status in [Investigating, Reopened] {
        let e = item(status).changed(&to(status), at("t")).unwrap_err();
        assert_eq!(e.field, "status");
        assert!(e.reason.contains(status.as_str()), "{}", e.reason);
    }
    let assigning = Change {
        assignee: Some("li".into()),
        ..to(Investigating)
    };
    assert_eq!(
        item(Investigating)
            .changed(&assigning, at("t"))
            .unwrap()
            .assignee
            .as_deref(),
        Some("li")
    );
}

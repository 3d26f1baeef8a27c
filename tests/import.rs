//! Importing real-looking exports: Chinese headers in GBK from Excel, Google Contacts, Outlook, Zoho;
//! one transaction, every rejected row named, dry runs, duplicates, and export round trips.

mod common;

use common::{Env, s};

fn count(env: &Env, what: &str) -> usize {
    env.json(&[what, "list", "--limit", "100000"]).as_array().unwrap().len()
}

fn customers(env: &Env) -> Vec<serde_json::Value> {
    env.json(&["customer", "list", "--sort", "id", "--filter", "archived:any"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn chinese_headers_in_gbk_from_excel() {
    let env = Env::new();
    let text = "客户编号,客户名称,公司,手机,邮箱,来源,地区,标签\r\n\
                K001,王芳,上海华信科技有限公司,138 0013 8000,wang@example.cn,转介绍,上海 浦东新区,重点、vip\r\n\
                K002,李雷,,13900139000,,展会,北京,\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let file = env.write("客户.csv", &bytes);
    let out = env.ok(&["import", s(&file)]).stdout;
    assert!(out.contains("imported 2 customers") && out.contains("gb18030"), "{out}");
    let cs = customers(&env);
    assert_eq!(cs[0]["name"], "王芳");
    assert_eq!(cs[0]["external_id"], "K001");
    assert_eq!(cs[0]["source"], "referral");
    assert_eq!(cs[0]["tags"], serde_json::json!(["vip", "重点"]));
    assert_eq!(cs[1]["source"], "trade_show");
    // Orders name their customer by external id, else email, else phone.
    let orders = env.write("订单.csv", "客户编号,邮箱,手机,下单日期,订单金额,产品\nK001,,,2026-10-01,\"12,800.00\",年度服务\n,,139-0013-9000,2026/11/2,300,耗材\n".as_bytes());
    env.ok(&["import", s(&orders)]);
    assert_eq!(count(&env, "order"), 2);
    let cs = customers(&env);
    assert_eq!(cs[0]["revenue_window"], 12800.0);
    assert_eq!(cs[0]["tier"], "A");
    assert_eq!(cs[1]["revenue_window"], 300.0);
}

#[test]
fn google_contacts_and_outlook_exports_map_without_editing() {
    let env = Env::new();
    let google = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Notes\n\
                  Ann Lee,Ann,Lee,* myContacts ::: VIP Clients,* Work,ann@example.com,Mobile,+1 555 010 2000,Blue Harbor,met at the fair\n\
                  ,Bob,Stone,* myContacts,,bob@example.com,,,,\n";
    let file = env.write("contacts.csv", google.as_bytes());
    let out = env.ok(&["import", s(&file)]).stdout;
    assert!(
        out.contains("ignored columns: E-mail 1 - Type, Phone 1 - Type"),
        "{out}"
    );
    // Outlook's export begins with a Title column (Mr./Ms.): still a customers file.
    let outlook = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,\
                   Business City,Business State,Business Postal Code,Business Phone,Mobile Phone,E-mail Address,Categories,Notes\n\
                   Ms.,Carol,,White,,Acme,Sales,Buyer,1 Main St,Boston,MA,02101,,+1 555 010 3000,carol@example.com,Customers;Key,\n";
    let file = env.write("outlook.csv", outlook.as_bytes());
    let out = env.ok(&["import", s(&file)]).stdout;
    assert!(out.contains("imported 1 customer"), "{out}");
    assert!(
        out.contains("ignored columns: Title, Middle Name, Suffix, Department, Job Title, Business Postal Code"),
        "{out}"
    );
    let zoho = "Record Id,First Name,Last Name,Account Name,Email,Phone,Lead Source,Contact Owner,Description\n\
                zcrm_1,Dan,Brown,Northwind,dan@example.com,555-010-4000,Employee Referral,sarah.lee,Asked for a demo\n";
    let file = env.write("zoho.csv", zoho.as_bytes());
    env.ok(&["import", s(&file)]);
    let cs = customers(&env);
    let names: Vec<&str> = cs.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Ann Lee", "Bob Stone", "Carol White", "Dan Brown"]);
    assert_eq!(cs[0]["email"], "ann@example.com");
    assert_eq!(cs[0]["company"], "Blue Harbor");
    assert_eq!(cs[0]["tags"], serde_json::json!(["VIP_Clients"]));
    assert_eq!(cs[0]["notes"], "met at the fair");
    assert_eq!(cs[2]["phone"], "+1 555 010 3000");
    assert_eq!(cs[3]["external_id"], "zcrm_1");
    assert_eq!(cs[3]["source"], "referral");
    assert_eq!(cs[3]["owner"], "sarah.lee");
    assert_eq!(cs[3]["notes"], "Asked for a demo", "Zoho's Description is the notes");
    assert_eq!(cs[2]["region"], "MA Boston");
    assert_eq!(cs[2]["address"], "1 Main St");
    assert_eq!(cs[2]["tags"], serde_json::json!(["Customers", "Key"]));
}

#[test]
fn one_bad_row_rejects_the_file_and_every_problem_is_named() {
    let env = Env::new();
    let file = env.write(
        "bad.csv",
        b"external_id,name,email,phone\nA1,Ann,ann@example.com,13800138000\nA2,,x@example.com,\nA3,Cy,not-an-email,\nA4,Di,,12\n",
    );
    let r = env.run(&["import", s(&file)]);
    assert_eq!(r.code, 2);
    let f = s(&file);
    assert!(r.stderr.contains("3 problem(s); nothing was changed"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{f}:3: name: is empty")), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("{f}:4: email: 'not-an-email' is not an email address")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("{f}:5: phone: '12' is not a phone number")),
        "{}",
        r.stderr
    );
    assert_eq!(count(&env, "customer"), 0, "nothing was imported");

    let orders = env.write("orders.csv", b"external_id,date,amount\nZZ,2026-01-01,10\n");
    let r = env.run(&["import", s(&orders)]);
    assert!(
        r.stderr
            .contains("orders.csv:2: customer: no customer with external_id 'ZZ'"),
        "{}",
        r.stderr
    );

    let ragged = env.write("ragged.csv", b"name,phone\nAnn,13800138000\nBob\n");
    let r = env.run(&["import", s(&ragged)]);
    assert!(
        r.stderr.contains("ragged.csv:3: has 1 fields, the header has 2"),
        "{}",
        r.stderr
    );

    let latin = env.write("latin.csv", b"name\nJos\xe9\n");
    let r = env.run(&["import", "--encoding", "utf-8", s(&latin)]);
    assert!(r.stderr.contains("latin.csv: line 2: not valid UTF-8"), "{}", r.stderr);
    env.ok(&["import", "--encoding", "latin1", s(&latin)]);
    assert_eq!(customers(&env)[0]["name"], "José");
}

#[test]
fn dry_run_reports_and_changes_nothing_and_duplicates_follow_the_flag() {
    let env = Env::new();
    let file = env.write(
        "c.csv",
        b"external_id,name,email\nA1,Ann,ann@example.com\nA2,Bob,bob@example.com\n",
    );
    // A dry run is a read: it needs a database and creates none.
    let r = env.run(&["import", "--dry-run", s(&file)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("tiercrm init"), "{}", r.stderr);
    assert!(!env.db.exists());
    env.ok(&["init"]);
    let out = env.ok(&["import", "--dry-run", s(&file)]).stdout;
    assert!(
        out.contains("would import 2 customers") && out.contains("dry run: nothing was changed"),
        "{out}"
    );
    assert_eq!(count(&env, "customer"), 0);
    env.ok(&["import", s(&file)]);
    // The same people again, one with a new company, matched by email.
    let again = env.write(
        "again.csv",
        b"name,email,company\nAnn B.,ann@example.com,Acme\nEve,eve@example.com,\n",
    );
    let r = env.run(&["import", s(&again)]);
    assert!(
        r.stderr
            .contains("again.csv:2: email: same as customer 1; use --on-duplicate merge or skip"),
        "{}",
        r.stderr
    );
    let out = env.ok(&["import", "--on-duplicate", "skip", s(&again)]).stdout;
    assert!(out.contains("1 created, 0 merged, 1 skipped"), "{out}");
    let rerun = env.write("again2.csv", b"name,email,company\nAnn B.,ann@example.com,Acme\n");
    env.ok(&["import", "--on-duplicate", "merge", s(&rerun)]);
    let cs = customers(&env);
    assert_eq!(cs[0]["name"], "Ann B.");
    assert_eq!(cs[0]["company"], "Acme");
    assert_eq!(cs[0]["version"], 2);
    assert_eq!(cs.len(), 3);
}

#[test]
fn contacts_and_feedback_import_and_feed_the_classes() {
    let env = Env::new();
    env.ok(&["import", s(&env.write("c.csv", b"email,name\nann@example.com,Ann\n"))]);
    let contacts =
        "email,联系时间,沟通方式,方向,内容,结果\nann@example.com,2026-11-01 09:30,电话,呼出,介绍新产品,考虑中\n";
    env.ok(&["import", s(&env.write("log.csv", contacts.as_bytes()))]);
    let fb = "email,类型,标题,紧急程度,重要程度,状态\nann@example.com,投诉,发货延迟,3,3,处理中\n";
    env.ok(&["import", "--kind", "feedback", s(&env.write("fb.csv", fb.as_bytes()))]);
    let c = &customers(&env)[0];
    assert_eq!(c["stage"], "intent", "a contact was logged");
    assert_eq!(c["last_contact"], "2026-11-01");
    assert_eq!(c["churn_risk"], 25, "one open P1 complaint, even before a first order");
    let list = env.json(&["feedback", "list"]);
    assert_eq!(list[0]["status"], "investigating");
    assert_eq!(list[0]["kind"], "complaint");
}

#[test]
fn export_reads_back_in() {
    let env = Env::new();
    env.ok(&["demo", "--customers", "300", "--seed", "3"]);
    let out = env.path("customers.csv");
    env.ok(&["export", "--out", s(&out)]);
    let orders = env.path("orders.csv");
    env.ok(&["export", "--kind", "orders", "--out", s(&orders)]);
    let other = Env::new();
    let text = other.ok(&["import", s(&out)]).stdout;
    assert!(text.contains("imported 300 customers"), "{text}");
    other.ok(&["import", s(&orders)]);
    let a = env.json(&["customer", "list", "--sort", "id", "--filter", "archived:no"]);
    let b = other.json(&["customer", "list", "--sort", "id", "--filter", "archived:any"]);
    // Archived flags are not imported; compare the classes of customers that were not archived.
    let key = |v: &serde_json::Value| {
        (
            v["external_id"].clone(),
            v["revenue_window"].clone(),
            v["behavior"].clone(),
        )
    };
    let mut left: Vec<_> = a.as_array().unwrap().iter().map(key).collect();
    let mut right: Vec<_> = b
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| left.iter().any(|l| l.0 == c["external_id"]))
        .map(key)
        .collect();
    left.sort_by_key(|k| k.0.to_string());
    right.sort_by_key(|k| k.0.to_string());
    assert_eq!(left, right);
    let json = env.ok(&["export", "--format", "json", "--kind", "feedback"]).stdout;
    assert!(serde_json::from_str::<serde_json::Value>(&json).unwrap().is_array());
}

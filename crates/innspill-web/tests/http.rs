//! Every route through the router, as a browser would call it (`tower::ServiceExt::oneshot`,
//! no socket), on the store of `common`.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use innspill_model::{SizeClass, Store};
use innspill_web::{App, Config, Error, router};
use tower::ServiceExt;

use common::{app, document, themes, write_store};

async fn call(app: &App, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = router(app.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), 64 << 20)
        .await
        .unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(app: &App, uri: &str) -> (StatusCode, String) {
    let req = Request::get(uri)
        .header(header::HOST, "127.0.0.1:7878")
        .body(Body::empty())
        .unwrap();
    let (s, _, b) = call(app, req).await;
    (s, b)
}

async fn post(
    app: &App,
    body: &str,
    origin: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::post("/gjennomgang")
        .header(header::HOST, "127.0.0.1:7878")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    call(app, req.body(Body::from(body.to_string())).unwrap()).await
}

fn csrf(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("a form with the CSRF token")
        + 19;
    html[at..at + 32].to_string()
}

/// The number in `<span id="{id}">N</span>`.
fn figure(html: &str, id: &str) -> u64 {
    let key = format!("<span id=\"{id}\">");
    let at = html
        .find(&key)
        .unwrap_or_else(|| panic!("no #{id} in {html}"))
        + key.len();
    html[at..].split('<').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn search_filters_facets_paging_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (s, html) = get(&app, "/?q=beredskap").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(figure(&html, "treff"), 2, "{html}");
    assert!(html.contains(">Eksempelvik kommune</a>"));
    // The question filter offers the questions paragraphs answer (here only 1).
    assert!(
        html.contains("<option value=\"1\">spørsmål 1</option>"),
        "{html}"
    );
    assert!(!html.contains("<option value=\"2\">spørsmål 2</option>"));
    assert!(
        html.contains("<b>beredskap</b>"),
        "snippets highlight: {html}"
    );
    // A facet link filters, keeping the query in the URL.
    assert!(
        html.contains("href=\"/?q=beredskap&#38;storrelse=liten\""),
        "{html}"
    );
    let (_, html) = get(&app, "/?q=beredskap&storrelse=liten").await;
    assert_eq!(figure(&html, "treff"), 1);
    assert!(!html.contains(">Prøvestad kommune</a>"), "{html}");
    assert!(html.contains("<option value=\"liten\" selected>"));
    let (_, html) = get(&app, "/?q=beredskap&side=2").await;
    assert!(html.contains("rel=\"prev\""));
    assert!(
        !html.contains("<article class=\"group\">"),
        "page 2 of one page is empty"
    );

    let (s, csv) = get(&app, "/sok.csv?q=beredskap&tema=preparedness").await;
    assert_eq!(s, StatusCode::OK);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("respondent,kommunenummer,storrelse"));
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(csv.contains("9902-2026-bbbbbb,1,2,statement"), "{csv}");
    let req = Request::get("/sok.xlsx?q=beredskap&tema=preparedness")
        .header(header::HOST, "127.0.0.1:7878")
        .body(Body::empty())
        .unwrap();
    let res = router(app.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX is a zip");
}

#[tokio::test]
async fn a_bad_query_is_a_400_page_with_the_caret_message() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (s, html) = get(&app, "/?q=beredskap%20AND%20(").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("expected word"), "{html}");
    assert!(html.contains("beredskap AND (\n"), "{html}");
    assert!(html.contains("  ^"), "{html}");
    let (s, html) = get(&app, "/?q=x&storrelse=enorm").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("ukjent størrelse «enorm»"));
    let (s, _) = get(&app, "/sok.csv?q=beredskap%20AND%20(").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn statement_text_is_escaped_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (s, html) = get(&app, "/dokument/9901-2026-aaaaaa").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    let (_, html) = get(&app, "/?q=ordrett").await;
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x"),
        "{html}"
    );
    let (_, html) = get(&app, "/?q=%3Cscript%3E").await;
    assert!(
        !html.contains("<script>"),
        "the query is escaped in the form"
    );
}

#[tokio::test]
async fn themes_show_one_year_at_a_time_and_cells_count_that_year() {
    let tmp = tempfile::tempdir().unwrap();
    let store = write_store(tmp.path());
    // Eksempelvik again in 2027, raising only local autonomy.
    let mut d = document(
        "9901-2027-cccccc",
        "9901",
        "Eksempelvik",
        SizeClass::Liten,
        &["Eksempelvik vil ha lokalt handlingsrom."],
    );
    d.year = Some(2027);
    store.write_document(&d).unwrap();
    store
        .write_tags(&innspill_model::DocumentTags {
            doc_id: d.id.clone(),
            sha256: d.source.sha256.clone(),
            codebook: "test@1".into(),
            paragraphs: vec![innspill_model::ParagraphTags {
                n: 1,
                tags: vec![common::tag("autonomy", "lokalt handlingsrom")],
                demands: vec![],
            }],
        })
        .unwrap();
    let mut config = Config::new(store.root());
    config.themes = themes();
    let app = App::new(config).unwrap();
    // The latest year by default, with a link to the other.
    let (s, html) = get(&app, "/temaer").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Viser 2027; hvert år telles for seg."),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/temaer?aar=2026\">2026</a>"),
        "{html}"
    );
    let cell = "/temaer/celle?dim=size&#38;gruppe=alle&#38;tema";
    assert!(html.contains(&format!(
        "<a href=\"{cell}=preparedness&#38;aar=2027\">0</a>"
    )));
    assert!(html.contains(&format!("<a href=\"{cell}=autonomy&#38;aar=2027\">1</a>")));
    let (_, html) = get(&app, "/temaer?aar=2026").await;
    assert!(html.contains("Viser 2026"), "{html}");
    assert!(html.contains(&format!(
        "<a href=\"{cell}=preparedness&#38;aar=2026\">2</a>"
    )));
    assert!(html.contains(&format!("<a href=\"{cell}=autonomy&#38;aar=2026\">1</a>")));
    // A cell counts the respondents of its year only; without a year, every year.
    let n = |q: &'static str| {
        let app = app.clone();
        async move {
            let (_, html) = get(&app, &format!("/temaer/celle?dim=size&gruppe=alle&{q}")).await;
            figure(&html, "respondenter")
        }
    };
    assert_eq!(n("tema=autonomy&aar=2026").await, 1);
    assert_eq!(n("tema=autonomy&aar=2027").await, 1);
    assert_eq!(n("tema=preparedness&aar=2027").await, 0);
    assert_eq!(n("tema=preparedness&aar=2026").await, 2);
    assert_eq!(n("tema=autonomy").await, 2);
}

#[tokio::test]
async fn themes_cells_link_to_exactly_their_paragraphs() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (s, html) = get(&app, "/temaer").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Samfunnssikkerhet og beredskap"));
    let link = "/temaer/celle?dim=size&#38;gruppe=alle&#38;tema=preparedness";
    assert!(
        html.contains(&format!("<a href=\"{link}\">2</a>")),
        "{html}"
    );
    let (s, html) = get(&app, &link.replace("&#38;", "&")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(figure(&html, "respondenter"), 2);
    assert!(
        html.contains("<mark class=\"t1\">beredskap</mark>"),
        "{html}"
    );
    let (_, html) = get(&app, "/temaer/celle?dim=size&gruppe=liten&tema=autonomy").await;
    assert_eq!(figure(&html, "respondenter"), 0);
    let (s, _) = get(&app, "/temaer/celle?dim=x&gruppe=alle&tema=nope").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_large_cell_is_paged_and_every_paragraph_is_on_one_page() {
    let tmp = tempfile::tempdir().unwrap();
    let store = write_store(tmp.path());
    // 43 more members raising preparedness: 45 documents in the cell, 20 per page.
    for i in 0..43u32 {
        let nr = format!("{}", 5000 + i);
        let d = document(
            &format!("{nr}-2026-dddddd"),
            &nr,
            &format!("Prøvested{i}"),
            SizeClass::Liten,
            &["Beredskapen må styrkes."],
        );
        store.write_document(&d).unwrap();
        store
            .write_tags(&innspill_model::DocumentTags {
                doc_id: d.id.clone(),
                sha256: d.source.sha256.clone(),
                codebook: "test@1".into(),
                paragraphs: vec![innspill_model::ParagraphTags {
                    n: 1,
                    tags: vec![common::tag("preparedness", "beredskap")],
                    demands: vec![],
                }],
            })
            .unwrap();
    }
    let mut config = Config::new(store.root());
    config.themes = themes();
    let app = App::new(config).unwrap();
    let cell = "/temaer/celle?dim=size&gruppe=alle&tema=preparedness";
    let mut seen = std::collections::BTreeSet::new();
    let mut url = cell.to_string();
    let mut pages = 0;
    loop {
        let (s, html) = get(&app, &url).await;
        assert_eq!(s, StatusCode::OK);
        pages += 1;
        // Every page gives the whole cell's count.
        assert_eq!(figure(&html, "respondenter"), 45, "{url}");
        let shown: Vec<&str> = html
            .split("<h2><a href=\"/dokument/")
            .skip(1)
            .map(|r| &r[..r.find('"').unwrap()])
            .collect();
        assert!(shown.len() <= 20, "{url}: {} documents", shown.len());
        for id in shown {
            assert!(seen.insert(id.to_string()), "{id} on two pages");
        }
        match html
            .split("rel=\"next\"")
            .next()
            .and_then(|h| h.rsplit("<a href=\"").next())
        {
            Some(h) if html.contains("rel=\"next\"") => {
                url = h[..h.find('"').unwrap()].replace("&#38;", "&");
            }
            _ => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 45);
    assert!(
        get(&app, &format!("{cell}&side=3"))
            .await
            .1
            .contains("side 3 av 3")
    );
}

#[tokio::test]
async fn respondents_documents_and_originals() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (s, html) = get(&app, "/respondenter").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Tenktby kommune"),
        "the register's non-answering member"
    );
    assert!(html.contains("<td>nei</td>"));
    let (_, html) = get(&app, "/dokument/9901-2026-aaaaaa").await;
    assert!(html.contains("<details><summary>Saksframlegg") || html.contains("<h2>Saksframlegg"));
    assert!(html.contains("id=\"p1\""));
    assert!(html.contains("<mark class=\"t1\">beredskap</mark>"));
    assert!(html.contains("spørsmål 1"));
    assert!(html.contains("href=\"/original/9901-2026-aaaaaa\""));
    assert!(
        html.contains("href=\"/original/9901-2026-aaaaaa#page=2\">i originalen</a>"),
        "{html}"
    );
    let (s, body) = get(&app, "/original/9901-2026-aaaaaa").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body, "%PDF-1.4 eksempel");
    for bad in [
        "/original/..%2f..%2fsecret.txt",
        "/original/..%2Fsecret.txt",
        "/original/9902-2026-bbbbbb",
        "/original/%2e%2e",
        "/dokument/..%2f..%2fetc%2fpasswd",
        "/finnes-ikke",
    ] {
        let (s, body) = get(&app, bad).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{bad}");
        assert!(!body.contains("hemmelig"), "{bad}");
    }
    let (s, css) = get(&app, "/static/style.css").await;
    assert_eq!(s, StatusCode::OK);
    assert!(css.contains("mark.t0"));
}

#[tokio::test]
async fn a_rejected_tag_changes_the_theme_table_and_the_facets() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (_, html) = get(&app, "/dokument/9902-2026-bbbbbb").await;
    let token = csrf(&html);
    let form = format!(
        "csrf={token}&doc=9902-2026-bbbbbb&n=1&theme=preparedness&sub=&action=reject&back=%2Fdokument%2F9902-2026-bbbbbb%23p1"
    );
    // No Origin, another Origin, a wrong token: refused, nothing written.
    for (origin, body) in [
        (None, form.clone()),
        (Some("http://evil.example"), form.clone()),
        (
            Some("http://127.0.0.1:7878"),
            form.replace(&token, "0".repeat(32).as_str()),
        ),
    ] {
        let (s, _, _) = post(&app, &body, origin).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    assert!(!tmp.path().join("store/reviews.jsonl").exists());

    let (s, h, _) = post(&app, &form, Some("http://127.0.0.1:7878")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h[header::LOCATION], "/dokument/9902-2026-bbbbbb#p1");
    let lines = std::fs::read_to_string(tmp.path().join("store/reviews.jsonl")).unwrap();
    assert!(lines.contains("\"reviewer\":\"kari\"") && lines.contains("\"action\":\"reject\""));

    let (_, html) = get(&app, "/temaer").await;
    assert!(
        html.contains(
            "<a href=\"/temaer/celle?dim=size&#38;gruppe=alle&#38;tema=preparedness\">1</a>"
        ),
        "{html}"
    );
    let (_, html) = get(&app, "/temaer/celle?dim=size&gruppe=alle&tema=preparedness").await;
    assert_eq!(figure(&html, "respondenter"), 1);
    let (_, html) = get(&app, "/?q=beredskap&tema=preparedness").await;
    assert_eq!(figure(&html, "treff"), 1, "the facets count effective tags");
    let (_, html) = get(&app, "/gjennomgang").await;
    assert_eq!(figure(&html, "gjennomgatt"), 1);
    assert!(html.contains("<td>κ</td>") || html.contains("<th>κ</th>"));

    // Add a theme and a note; an unknown theme is refused.
    let add = format!("csrf={token}&doc=9901-2026-aaaaaa&n=2&theme=workforce&action=add");
    let (s, _, _) = post(&app, &add, Some("http://127.0.0.1:7878")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let note =
        format!("csrf={token}&doc=9901-2026-aaaaaa&n=2&action=note&note=%3Cb%3Esjekk%3C%2Fb%3E");
    let (s, _, _) = post(&app, &note, Some("http://127.0.0.1:7878")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let bad = format!("csrf={token}&doc=9901-2026-aaaaaa&n=2&theme=nope&action=add");
    let (s, _, _) = post(&app, &bad, Some("http://127.0.0.1:7878")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, html) = get(&app, "/dokument/9901-2026-aaaaaa").await;
    assert!(
        html.contains("Arbeidskraft og kompetanse (lagt til ved gjennomgang)"),
        "{html}"
    );
    assert!(
        html.contains("Notat: kari") && html.contains("&#60;b&#62;sjekk&#60;/b&#62;"),
        "{html}"
    );
    assert!(!html.contains("<b>sjekk"));
}

#[tokio::test]
async fn a_store_that_cannot_be_written_loses_nothing_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (_, html) = get(&app, "/dokument/9901-2026-aaaaaa").await;
    let token = csrf(&html);
    // reviews.jsonl cannot be opened for appending: it is a folder.
    std::fs::create_dir_all(tmp.path().join("store/reviews.jsonl")).unwrap();
    let form = format!("csrf={token}&doc=9901-2026-aaaaaa&n=1&theme=preparedness&action=reject");
    let (s, _, html) = post(&app, &form, Some("http://127.0.0.1:7878")).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("Vurderingen ble ikke lagret"), "{html}");
    assert!(html.contains("Ingenting er lagret"));
}

#[tokio::test]
async fn the_app_reloads_when_the_store_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (_, html) = get(&app, "/respondenter").await;
    assert!(!html.contains("Nyby kommune"));
    let store = Store::new(tmp.path().join("store"));
    let c = document(
        "9903-2026-cccccc",
        "9903",
        "Nyby",
        SizeClass::Mellomstor,
        &["Nyby om beredskap."],
    );
    store.write_document(&c).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(600));
    let (_, html) = get(&app, "/respondenter").await;
    assert!(html.contains("Nyby kommune"), "{html}");
}

#[tokio::test]
async fn a_token_guards_a_non_loopback_address() {
    let tmp = tempfile::tempdir().unwrap();
    let store = write_store(tmp.path());
    let mut config = Config::new(store.root());
    config.themes = themes();
    config.bind = "0.0.0.0:7878".parse().unwrap();
    assert!(matches!(
        App::new(config.clone()),
        Err(Error::TokenRequired { .. })
    ));
    config.token = Some("hemmelig-nokkel".into());
    let app = App::new(config).unwrap();
    let (s, html) = get(&app, "/").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(html.contains("tilgangsnøkkel"));
    let req = Request::get("/temaer?token=hemmelig-nokkel")
        .header(header::HOST, "h:7878")
        .body(Body::empty())
        .unwrap();
    let (s, h, _) = call(&app, req).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h[header::LOCATION], "/temaer");
    let cookie = h[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.starts_with("innspill_token=hemmelig-nokkel;") && cookie.contains("HttpOnly"));
    let req = Request::get("/temaer")
        .header(header::HOST, "h:7878")
        .header(header::COOKIE, "innspill_token=hemmelig-nokkel")
        .body(Body::empty())
        .unwrap();
    let (s, h, _) = call(&app, req).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("script-src 'self'")
    );
}

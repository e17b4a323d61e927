"""Text that is not a petition: the API says so in the v1 contract, and the page shows the one finding."""


def test_api_reports_no_claim_type_forum_or_probability(client):
    body = client.post("/api/v1/screen", json={"text": "Hello there, how are you today?"}).json()
    assert body["is_petition"] is False and body["claim_type"] is None and body["forum"] is None
    assert body["fruitless_probability"] is None
    assert [f["code"] for f in body["findings"]] == ["NOT_A_PETITION"]


def test_api_report_of_a_petition_says_it_is_one(client, complete_petition):
    assert client.post("/api/v1/screen", json={"text": complete_petition}).json()["is_petition"] is True


def test_page_shows_the_finding_and_no_claim_type_or_court(client, submit):
    page = submit(client, "سلام")
    assert page.status_code == 200
    assert 'data-code="NOT_A_PETITION"' in page.text
    assert 'id="claim-type"' not in page.text and 'id="forum"' not in page.text

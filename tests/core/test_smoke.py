def test_home_page_lists_live_categories(client, initiative):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Safety and Security" in response.content.decode()

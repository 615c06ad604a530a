"""The library in a real browser: searching with filters in French, a recommendation followed to its resource,
tried and shortlisted, a district administrator adding a resource and finding it, and axe on every library page."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import axe_violations, click_and_wait, describe, sign_in


def sign_out(driver, url):
    driver.get(url + "/dashboard")
    buttons = driver.find_elements(By.CSS_SELECTOR, ".account__signout button")
    if buttons:
        click_and_wait(driver, buttons[0])


def test_a_visitor_searches_the_library_in_french_with_filters(page):
    driver, url = page
    driver.get(url + "/library?lang=fr")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Bibliothèque de pratiques"
    box = driver.find_element(By.ID, "field-q")
    box.send_keys("ecoute")
    driver.find_element(By.CSS_SELECTOR, "details summary").click()
    Select(driver.find_element(By.ID, "field-audience")).select_by_visible_text("Familles")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".library-search button[type=submit]"))
    assert "audience=families" in driver.current_url
    summary = driver.find_element(By.CSS_SELECTOR, ".search-summary").text
    assert "pour « ecoute »" in summary, summary
    marks = [mark.text.lower() for mark in driver.find_elements(By.CSS_SELECTOR, ".resource-card mark")]
    assert any(word.startswith("écout") for word in marks), marks
    # The filters stay chosen and open; every card found is for families.
    assert driver.find_element(By.CSS_SELECTOR, ".library-search details").get_attribute("open") is not None
    first = driver.find_element(By.CSS_SELECTOR, ".resource-card__title a")
    click_and_wait(driver, first)
    assert "Familles" in driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    violations = axe_violations(driver)
    assert violations == [], describe(violations)


def test_a_principal_follows_a_recommendation_tries_it_and_shortlists_it(page):
    driver, url = page
    sign_in(driver, url, "schoolAdministrator")
    try:
        driver.get(url + "/results?lang=en")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a") if "Maple Grove" in a.text]
        assert links, "the principal has results to read"
        driver.get(links[0])
        section = driver.find_element(By.ID, "recommendations")
        reasons = [li.text for li in section.find_elements(By.CSS_SELECTOR, ".reasons li")]
        # A reason from the surveys names its figure and n; one from the self-assessment names its strategy's score.
        assert reasons and all(reason.startswith("Because ") and ("n = " in reason or reason.startswith("Because your self-assessment “"))
                               for reason in reasons), reasons
        assert any("n = " in reason for reason in reasons), reasons
        click_and_wait(driver, section.find_element(By.CSS_SELECTOR, ".resource-card__title a"))
        assert "/library/" in driver.current_url
        driver.find_element(By.CSS_SELECTOR, ".tried-form input[value='4']").click()
        driver.find_element(By.CSS_SELECTOR, ".tried-form textarea").send_keys("Tried in two classes this term.")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".tried-form button[type=submit]"))
        assert "tried this" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
        assert "rated it 4 out of 5" in driver.find_element(By.ID, "actions").text
        buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "#actions form button") if "Add to the shortlist" in b.text]
        assert buttons, "the resource is not yet on the shortlist"
        click_and_wait(driver, buttons[0])
        assert "On the shortlist of Maple Grove" in driver.find_element(By.ID, "actions").text
        violations = axe_violations(driver)
        assert violations == [], describe(violations)
        click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Shortlist of Maple Grove"))
        assert driver.find_elements(By.CSS_SELECTOR, ".resource-card"), "the shortlist lists it"
        violations = axe_violations(driver)
        assert violations == [], describe(violations)
    finally:
        sign_out(driver, url)


def test_a_district_administrator_adds_a_resource_in_both_languages_and_finds_it(page):
    driver, url = page
    sign_in(driver, url, "districtAdministrator")
    try:
        driver.get(url + "/admin/library/new?lang=en")
        violations = axe_violations(driver)
        assert violations == [], describe(violations)
        fields = {"field-title_en": "Hallway hellos", "field-title_fr": "Les bonjours du corridor",
                  "field-summary_en": "Every adult greets every student they pass by name for a month.",
                  "field-summary_fr": "Chaque adulte salue par son nom chaque élève croisé, pendant un mois.",
                  "field-source": "Cedar Valley School District", "field-minutes": "5",
                  "field-basis_en": "Tried at Maple Grove in 2025.", "field-basis_fr": "Essayé à Maple Grove en 2025."}
        for field, value in fields.items():
            driver.find_element(By.ID, field).send_keys(value)
        driver.find_element(By.CSS_SELECTOR, "#field-audiences input[value=staff]").click()
        driver.find_element(By.CSS_SELECTOR, "#field-strategies input[value=relationships]").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=measures][value=seen]").click()
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
        assert "Saved “Hallway hellos”." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
        violations = axe_violations(driver)
        assert violations == [], describe(violations)
        driver.get(url + "/admin/library?lang=fr")
        violations = axe_violations(driver)
        assert violations == [], describe(violations)
        driver.get(url + "/library?lang=fr&q=bonjours+corridor")
        titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".resource-card__title a")]
        assert titles and titles[0] == "Les bonjours du corridor", titles
    finally:
        sign_out(driver, url)


@pytest.mark.parametrize("path", ["/library", "/library?lang=fr&q=relations&strategy=relationships", "/library?q=%22%3E%3Cscript%3E",
                                  "/library/relationship-mapping", "/library/two-by-ten?lang=fr"])
def test_library_pages_pass_an_automated_wcag_21_aa_audit(page, path):
    driver, url = page
    driver.get(url + path)
    violations = axe_violations(driver)
    assert violations == [], describe(violations)

"""The public pages, as a reader sees them in a real browser."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import axe_violations, click_and_wait, describe


def test_landing_page_explains_belong_in_english(page):
    driver, url = page
    driver.get(url + "/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Every student connected to school"
    assert "2,000 students" in driver.find_element(By.CLASS_NAME, "figure-list").text
    current = driver.find_element(By.CSS_SELECTOR, "nav a[aria-current='page']")
    assert current.text == "Home"


def test_language_switch_changes_the_page_and_is_remembered(page):
    driver, url = page
    driver.get(url + "/")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Français"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Chaque élève lié à son école"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Confidentialité"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "La confidentialité dès la conception"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "English"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Privacy by design"


def test_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_main(page):
    driver, url = page
    driver.get(url + "/")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.is_displayed()
    focused.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "main"


def test_unknown_address_shows_the_not_found_page_in_the_site_frame(page):
    driver, url = page
    driver.get(url + "/no/such/page")
    assert driver.find_element(By.TAG_NAME, "h1").text == "We could not find that page"
    assert driver.find_element(By.CLASS_NAME, "site-header").is_displayed()
    driver.get(url + "/no/such/page?lang=fr")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Nous n’avons pas trouvé cette page"


def test_pages_fit_a_phone_screen_without_sideways_scrolling(page):
    driver, url = page
    driver.set_window_size(360, 800)
    for path in ("/", "/privacy", "/?lang=fr", "/about/why?lang=fr", "/about/topics", "/about/strategies/teaching-and-learning?lang=fr"):
        driver.get(url + path)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


def test_printing_leaves_out_navigation(page):
    driver, url = page
    driver.get(url + "/privacy")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element(By.CLASS_NAME, "site-header").is_displayed()
        assert driver.find_element(By.TAG_NAME, "h1").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("path", ["/", "/?lang=fr", "/privacy", "/privacy?lang=fr", "/no/such/page", "/s?lang=ar",
                                  "/about", "/about/why?lang=fr", "/about/strategies", "/about/strategies/relationships?lang=fr",
                                  "/about/getting-started", "/about/topics?lang=fr"])
def test_pages_pass_an_automated_wcag_21_aa_audit(page, path):
    driver, url = page
    driver.get(url + path)
    violations = axe_violations(driver)
    assert violations == [], describe(violations)


def test_the_accessibility_audit_itself_catches_problems(browser):
    """Guards the audit above: a page with known faults must fail it."""
    browser.get("data:text/html,<html><body><img src='x.png'><a href='/'></a></body></html>")
    found = {violation["id"] for violation in axe_violations(browser)}
    assert {"image-alt", "html-has-lang", "link-name"} <= found


def test_a_visitor_finds_what_connectedness_is_from_the_landing_page_in_french(page):
    driver, url = page
    driver.get(url + "/?lang=fr")
    driver.find_element(By.LINK_TEXT, "Lire sur la connexion à l’école").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Qu’est-ce que la connexion à l’école?"
    guide = driver.find_element(By.CSS_SELECTOR, "nav.guide")
    assert guide.find_element(By.CSS_SELECTOR, "[aria-current=page]").text == "Ce que c’est"
    guide.find_element(By.LINK_TEXT, "Six stratégies").click()
    strategies = driver.find_elements(By.CSS_SELECTOR, "ol.strategies > li .card__title a")
    assert len(strategies) == 6
    strategies[2].click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Des relations de confiance et bienveillantes"
    assert "adulte" in driver.find_element(By.ID, "belong-heading").find_element(By.XPATH, "..").text

"""The action plan in a real browser: the demo principal finds the plan with its goals' trends and verdicts, adds a
goal and an action owned by the teacher; the teacher finds it on their home page and marks it under way; axe on
every page."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import axe_violations, click_and_wait, describe, sign_in
from test_library import sign_out


def submit(driver, form) -> None:
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    click_and_wait(driver, button)


def test_a_principal_adds_a_goal_and_an_action_the_owner_updates(page):
    driver, url = page
    sign_in(driver, url, "schoolAdministrator")
    driver.get(url + "/dashboard?lang=en")
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "Your actions" in main and "overdue" in main, "the principal's own overdue action is on the home page"
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, "main a") if a.text.startswith("Action plan of")]
    assert links, "the principal's dashboard leads to the plan"
    click_and_wait(driver, links[0])
    plan = driver.current_url.split("?")[0]
    goals = driver.find_element(By.ID, "goals").text
    assert "Baseline" in goals and "Since the baseline:" in goals, "the demo's goals read their measure across waves"
    assert "improved" in goals and "no clear change" in goals, "one demo goal moved and one did not"
    assert driver.find_elements(By.CSS_SELECTOR, ".goal-chart__target")
    violations = axe_violations(driver)
    assert violations == [], describe(violations)

    goal_form = driver.find_element(By.CSS_SELECTOR, f"form[action$='/plan/goals']")
    Select(driver.find_element(By.ID, "field-goal-strategy")).select_by_value("relationships")
    Select(driver.find_element(By.ID, "field-goal-measure")).select_by_value("students:supported")
    driver.find_element(By.ID, "field-goal-target").send_keys("85")
    driver.execute_script("document.getElementById('field-goal-byWhen').value = '2099-06-15';")
    submit(driver, goal_form)
    assert "The goal is in the plan." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "Students: feeling supported — 85% favourable by" in driver.find_element(By.ID, "goals").text

    action_form = driver.find_element(By.CSS_SELECTOR, f"form[action$='/plan/actions']")
    driver.find_element(By.ID, "field-action-what").send_keys("Check-in circles on Monday mornings")
    Select(driver.find_element(By.ID, "field-action-strategy")).select_by_value("relationships")
    Select(driver.find_element(By.ID, "field-action-goal")).select_by_index(len(Select(driver.find_element(By.ID, "field-action-goal")).options) - 1)
    owner = Select(driver.find_element(By.ID, "field-action-owner"))
    teacher = [o for o in owner.options if o.get_attribute("value") and "Principal" not in o.text]
    owner.select_by_visible_text(teacher[-1].text)
    driver.execute_script("document.getElementById('field-action-due').value = '2099-01-15';")
    submit(driver, action_form)
    assert "The action is in the plan." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "Check-in circles on Monday mornings" in driver.find_element(By.ID, "actions").text
    violations = axe_violations(driver)
    assert violations == [], describe(violations)
    sign_out(driver, url)

    # The demo teacher owns actions of the plan; whoever was chosen above, the teacher updates one of their own.
    sign_in(driver, url, "staff")
    driver.get(url + "/dashboard?lang=fr")
    section = driver.find_element(By.ID, "my-actions")
    assert "Vos actions" in section.text and "en retard" in section.text
    click_and_wait(driver, section.find_element(By.CSS_SELECTOR, "tbody a"))
    assert driver.find_elements(By.ID, "field-action-status") and not driver.find_elements(By.ID, "field-action-what"), \
        "the owner says where it stands, without rewriting it"
    Select(driver.find_element(By.ID, "field-action-status")).select_by_value("done")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.plan-form"))
    assert "Enregistré." in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "Faite" in driver.find_element(By.CSS_SELECTOR, "ol.history").text
    violations = axe_violations(driver)
    assert violations == [], describe(violations)
    sign_out(driver, url)

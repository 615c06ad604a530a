import BelongCore

/// What the landing page shows besides its fixed text: the size of this Belong, when it has people.
struct HomeViewModel: Sendable {
    let chrome: PageChrome
    let schools: Int
    let students: Int
    let staff: Int

    var hasRoster: Bool { students > 0 || staff > 0 }
}

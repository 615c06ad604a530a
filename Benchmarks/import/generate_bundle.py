#!/usr/bin/env python3
"""Writes a large, valid OneRoster 1.1 bulk bundle for import benchmarks.

Defaults: 50,000 students, 3,000 staff, 2,000 classes and 200,000 enrollments in one district of
25 schools. Deterministic: the same arguments give the same files.

    Benchmarks/import/generate_bundle.py OUTPUT_FOLDER [--students N] [--staff N] [--classes N] [--enrollments N] [--schools N]
"""
import argparse
import csv
import os
import random

GIVEN = ["Emma", "Liam", "Olivia", "Noah", "Amara", "Arjun", "Mei", "Omar", "Sofía", "Félix", "Léa", "Hodan", "Minh", "Seo-yeon",
         "Taras", "Parisa", "Kaya", "River", "Simran", "Wei", "Layla", "Mateo", "Chloe", "Ethan", "Zainab", "Bao", "Nora", "Gabriel"]
FAMILY = ["Smith", "Tremblay", "Sandhu", "Wang", "Nguyen", "Haddad", "García", "Okafor", "Kim", "Kovalenko", "Ahmadi", "Warsame",
          "Point", "Santos", "MacDonald", "Gagnon", "Li", "Brown", "Dhillon", "Chen", "Roy", "Reyes", "Sparrow", "Côté"]
STAMP = "2026-08-20T12:00:00Z"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--staff", type=int, default=3_000)
    parser.add_argument("--classes", type=int, default=2_000)
    parser.add_argument("--enrollments", type=int, default=200_000)
    parser.add_argument("--schools", type=int, default=25)
    args = parser.parse_args()
    rng = random.Random(20140601)
    os.makedirs(args.output, exist_ok=True)

    def writer(name, header):
        handle = open(os.path.join(args.output, name), "w", newline="", encoding="utf-8")
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(header)
        return handle, out

    handle, out = writer("manifest.csv", ["propertyName", "value"])
    for row in [("manifest.version", "1.0"), ("oneroster.version", "1.1"), ("file.orgs", "bulk"), ("file.academicSessions", "bulk"),
                ("file.classes", "bulk"), ("file.users", "bulk"), ("file.enrollments", "bulk"), ("file.courses", "absent"),
                ("file.demographics", "absent"), ("source.systemName", "Belong benchmark generator")]:
        out.writerow(row)
    handle.close()

    schools = [f"bm-school-{i:03d}" for i in range(args.schools)]
    handle, out = writer("orgs.csv", ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"])
    out.writerow(["bm-district", "active", STAMP, "Benchmark School District", "district", "SD 77", ""])
    for i, school in enumerate(schools):
        out.writerow([school, "active", STAMP, f"School {i + 1:03d}", "school", f"77-{i + 1:03d}", "bm-district"])
    handle.close()

    handle, out = writer("academicSessions.csv", ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"])
    out.writerow(["bm-2027", "active", STAMP, "2026-27", "schoolYear", "2026-09-01", "2027-06-30", "", "2027"])
    out.writerow(["bm-2027-t1", "active", STAMP, "Term 1", "term", "2026-09-01", "2027-01-31", "bm-2027", "2027"])
    out.writerow(["bm-2027-t2", "active", STAMP, "Term 2", "term", "2027-02-01", "2027-06-30", "bm-2027", "2027"])
    handle.close()

    classes_per_school = args.classes // args.schools
    staff_per_school = args.staff // args.schools
    students_per_school = args.students // args.schools
    classes = []
    handle, out = writer("classes.csv", ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType",
                                         "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"])
    for s, school in enumerate(schools):
        for c in range(classes_per_school):
            grade = f"{1 + c % 12:02d}"
            sourced = f"bm-class-{s:03d}-{c:03d}"
            classes.append((sourced, school, grade))
            out.writerow([sourced, "active", STAMP, f"Class {c + 1} — Grade {int(grade)}", grade, "", f"C{c + 1}", "homeroom" if c % 8 == 0 else "scheduled",
                          f"Room {100 + c}", school, "bm-2027-t1" if c % 2 else "bm-2027", "", "", ""])
    handle.close()

    handle, out = writer("users.csv", ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
                                       "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"])
    teachers = {}
    for s, school in enumerate(schools):
        for t in range(staff_per_school):
            sourced = f"bm-staff-{s:03d}-{t:04d}"
            role = "principal" if t == 0 else ("counselor" if t < 3 else ("aide" if t % 10 == 0 else "teacher"))
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            out.writerow([sourced, "active", STAMP, "TRUE", school, role, sourced, "", given, family, "", f"E{s:03d}{t:04d}",
                          f"{sourced}@district.example", "", "", "", "", ""])
            if role == "teacher":
                teachers.setdefault(school, []).append(sourced)
    students = []
    for s, school in enumerate(schools):
        for n in range(students_per_school):
            sourced = f"bm-student-{s:03d}-{n:05d}"
            grade = f"{1 + n % 12:02d}"
            students.append((sourced, school, grade))
            out.writerow([sourced, "active", STAMP, "TRUE", school, "student", sourced, "", rng.choice(GIVEN), rng.choice(FAMILY), "",
                          f"S{s:03d}{n:05d}", "", "", "", "", grade, ""])
    handle.close()

    handle, out = writer("enrollments.csv", ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId",
                                             "role", "primary", "beginDate", "endDate"])
    count = 0
    by_school = {}
    for klass in classes:
        by_school.setdefault(klass[1], []).append(klass)
    for klass in classes:
        teacher = teachers[klass[1]][(int(klass[0][-3:])) % len(teachers[klass[1]])]
        out.writerow([f"bm-enr-t-{klass[0]}", "active", STAMP, klass[0], klass[1], teacher, "teacher", "true", "", ""])
        count += 1
    remaining = args.enrollments - count
    per_student = max(1, remaining // max(len(students), 1))
    extra = max(0, remaining - per_student * len(students))
    for index, (sourced, school, grade) in enumerate(students):
        options = by_school[school]
        wanted = per_student + (1 if index < extra else 0)
        picks = rng.sample(range(len(options)), min(wanted, len(options)))
        for pick in picks:
            if count >= args.enrollments:
                break
            klass = options[pick]
            out.writerow([f"bm-enr-{sourced}-{pick:03d}", "active", STAMP, klass[0], school, sourced, "student", "false", "", ""])
            count += 1
    handle.close()
    print(f"wrote {args.output}: {args.schools} schools, {len(students)} students, {args.staff} staff, {len(classes)} classes, {count} enrollments")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What would it change if hospitals put discharge summaries and medical receipts into the
electronic licence library? Plans the child-birth bundle for a synthetic population with the
catalog as it is and as proposed, and compares the two.

Usage: population.py RULES [--applicants N] [--seed N] [--threads N] [--plot FILE]
  e.g. PYTHONPATH=build/python python3 examples/python/population.py rules --plot compare.png
"""
import argparse
import pathlib
import shutil
import tempfile

import onething
from onething import population

#: Who applies: the share of each answer among the applicants.
DISTRIBUTION = {
    "parents.hukou_local": 0.8,
    "mother.maternity_insured": 0.65,
    "child.born_in_city": 0.95,
    "hospital.e_documents": 0.3,
    "employer.declares_leave_online": 0.4,
    "mother.paid_to_social_security_card": 0.5,
}

#: The materials the proposal makes e-licences.
PROPOSED_E_LICENCES = ("discharge_summary", "medical_invoices")


def proposed_catalog(rules, folder):
    """A copy of `rules` in `folder` where the proposed materials are e-licences."""
    copy = pathlib.Path(folder) / "rules"
    shutil.copytree(rules, copy)
    materials = copy / "materials.yaml"
    lines = materials.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = []
    for line in lines:
        edited.append(line)
        if line.strip().rstrip(":") in PROPOSED_E_LICENCES and line.rstrip().endswith(":"):
            edited.append(" " * (len(line) - len(line.lstrip()) + 2) + "e_license: true\n")
    materials.write_text("".join(edited), encoding="utf-8")
    return onething.Catalog(copy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", help="the catalog's rules folder")
    parser.add_argument("--applicants", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--plot", help="write the compared distributions to this image")
    args = parser.parse_args()

    current = onething.Catalog(args.rules)
    with tempfile.TemporaryDirectory() as folder:
        proposed = proposed_catalog(args.rules, folder)
        people = population.applicants(current, DISTRIBUTION, args.applicants, seed=args.seed)
        result = population.compare(current, proposed, "child-birth", people,
                                    threads=args.threads, labels=("current", "proposed"))
    print(result)
    columns = ["mean_current", "mean_proposed", "mean_difference", "p95_difference"]
    print(result.summary.loc[[f"after_{m}" for m in onething.METRICS], columns].round(3))
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        result.plot(["after_materials", "after_visits", "after_days"]).savefig(args.plot)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()

"""Writes the `scale` verify config: 1,000 tables from 100 source accounts.

Each account holds two databases of five tables (10 tables per account), every table lists
its columns, and every target table name is unique across accounts (`targetTable`). Buckets
and catalog names are synth's defaults; catalogAsCode is off.

  make_scale.py OUT.json [--accounts N] [--tables-per-account M] [--tolerated-failure-count K]

Over about 1,100 tables synth renders the Distributed Map form; 10,000 tables from 1,000
accounts: make_scale.py OUT.json --accounts 1000 --tables-per-account 10.
"""

import argparse
import json

TARGET_ACCOUNT = "222222222222"
DATABASES = ("sales_db", "ops_db")
TABLES = ("orders", "customers", "products", "invoices", "shipments")
COLUMNS = [
    {"name": "id", "type": "bigint", "comment": "primary key"},
    {"name": "name", "type": "string"},
    {"name": "amount", "type": "decimal(12,2)"},
    {"name": "updated_at", "type": "timestamp"},
]


def account_id(index):
    """Twelve digits, distinct from the target account: 300000000000, 300000000001, …"""
    return f"{300000000000 + index:012d}"


def make(accounts, tables_per_account, tolerated_failure_count=None):
    per_database = -(-tables_per_account // len(DATABASES))
    sources = []
    for index in range(accounts):
        account = account_id(index)
        databases, left = [], tables_per_account
        for database in DATABASES:
            count = min(per_database, left)
            left -= count
            if count == 0:
                break
            tables = []
            for number in range(count):
                name = TABLES[number % len(TABLES)] + ("" if number < len(TABLES) else f"_{number}")
                tables.append({"name": name, "targetTable": f"{database}_{name}_{account}", "columns": COLUMNS})
            databases.append({"name": database, "tables": tables})
        sources.append({"accountId": account, "databases": databases})
    context = {
        "targetAccountId": TARGET_ACCOUNT,
        "region": "ap-northeast-1",
        "projectName": "scale-copy",
        "targetDatabase": "scale_copy_target_db",
        "maxConcurrency": 10,
        "catalogAsCode": False,
        "sources": sources,
    }
    if tolerated_failure_count is not None:
        context["toleratedFailureCount"] = tolerated_failure_count
    return {"context": context}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--accounts", type=int, default=100)
    parser.add_argument("--tables-per-account", type=int, default=10)
    parser.add_argument("--tolerated-failure-count", type=int)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(make(args.accounts, args.tables_per_account, args.tolerated_failure_count), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

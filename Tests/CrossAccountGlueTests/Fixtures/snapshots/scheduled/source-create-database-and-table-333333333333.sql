CREATE DATABASE IF NOT EXISTS sales_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://sched-copy-eu-sales-raw/sales_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS sales_db.sales (
`id` int,
`amount` double
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-eu-sales-raw/sales_db/sales/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

CREATE DATABASE IF NOT EXISTS inventory_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://sched-copy-eu-sales-raw/inventory_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS inventory_db.stock (
`sku` varchar(32),
`on_hand` int,
`tags` array<string>
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-eu-sales-raw/inventory_db/stock/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

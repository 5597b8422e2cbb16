CREATE DATABASE IF NOT EXISTS sales_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://all-copy-eu-sales-raw/sales_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS sales_db.sales (
`id` int,
`amount` double
)
PARTITIONED BY (
`dt` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-eu-sales-raw/sales_db/sales/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

MSCK REPAIR TABLE sales_db.sales;

CREATE EXTERNAL TABLE IF NOT EXISTS sales_db.events (
`event_id` bigint,
`kind` string
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-eu-sales-raw/sales_db/events/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

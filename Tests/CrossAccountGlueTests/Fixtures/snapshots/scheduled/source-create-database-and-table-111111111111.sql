CREATE DATABASE IF NOT EXISTS sales_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://sched-copy-dev-data-111111111111/sales_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS sales_db.sales (
`id` int COMMENT 'order id',
`product_name` string,
`quantity` int,
`price` decimal(10,2),
`sale_date` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-data-111111111111/sales_db/sales/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sales_db.customers (
`customer_id` bigint,
`name` string COMMENT 'display name'
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-data-111111111111/sales_db/customers/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

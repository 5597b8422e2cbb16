CREATE DATABASE IF NOT EXISTS sched_copy_target_db
COMMENT 'Target database for cross-account data copy'
LOCATION 's3://sched-copy-dev-target-data/';

CREATE EXTERNAL TABLE IF NOT EXISTS sched_copy_target_db.sales_111111111111 (
`id` int COMMENT 'order id',
`product_name` string,
`quantity` int,
`price` decimal(10,2),
`sale_date` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-target-data/sales_111111111111/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sched_copy_target_db.customers_copy (
`customer_id` bigint,
`name` string COMMENT 'display name'
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-target-data/customers_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sched_copy_target_db.sales_333333333333 (
`id` int,
`amount` double
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-target-data/sales_333333333333/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sched_copy_target_db.stock_copy (
`sku` varchar(32),
`on_hand` int,
`tags` array<string>
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-target-data/stock_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS sched_copy_target_db.page_views_copy (
`url` string,
`viewed_at` timestamp
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-target-data/page_views_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

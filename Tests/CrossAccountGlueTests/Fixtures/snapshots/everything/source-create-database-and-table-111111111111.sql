CREATE DATABASE IF NOT EXISTS shop_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://all-copy-dev-data-111111111111/shop_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS shop_db.orders (
`id` int COMMENT 'order id',
`amount` decimal(10,2)
)
PARTITIONED BY (
`dt` string COMMENT 'order day, yyyy-mm-dd'
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-dev-data-111111111111/raw/orders/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

MSCK REPAIR TABLE shop_db.orders;

CREATE EXTERNAL TABLE IF NOT EXISTS shop_db.customers (
`customer_id` int,
`name` varchar(100)
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-dev-data-111111111111/shop_db/customers/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS shop_db.visits (
`visit_id` bigint,
`page` string
)
PARTITIONED BY (
`region` string,
`dt` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-dev-data-111111111111/shop_db/visits/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

MSCK REPAIR TABLE shop_db.visits;

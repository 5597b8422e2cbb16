CREATE DATABASE IF NOT EXISTS all_copy_target_db
COMMENT 'Target database for cross-account data copy'
LOCATION 's3://all-copy-dev-target-data/';

CREATE EXTERNAL TABLE IF NOT EXISTS all_copy_target_db.orders_copy (
`id` bigint COMMENT 'order id',
`amount` decimal(12,2)
)
PARTITIONED BY (
`dt` string COMMENT 'order day, yyyy-mm-dd'
)
STORED AS PARQUET
LOCATION 's3://all-copy-dev-target-data/orders_copy/'
TBLPROPERTIES (
'parquet.compression' = 'ZSTD',
'classification' = 'parquet'
);

CREATE EXTERNAL TABLE IF NOT EXISTS all_copy_target_db.customer_master (
`customer_id` int,
`name` varchar(100)
)
STORED AS PARQUET
LOCATION 's3://all-copy-dev-target-data/customer_master/'
TBLPROPERTIES (
'parquet.compression' = 'GZIP',
'classification' = 'parquet'
);

CREATE EXTERNAL TABLE IF NOT EXISTS all_copy_target_db.visits_copy (
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
LOCATION 's3://all-copy-dev-target-data/visits_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS all_copy_target_db.sales_eu (
`id` int,
`amount` double
)
PARTITIONED BY (
`dt` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-dev-target-data/sales_eu/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS all_copy_target_db.events_copy (
`event_id` bigint,
`kind` string
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://all-copy-dev-target-data/events_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE DATABASE IF NOT EXISTS cm_kasama_cross_account_target_db
COMMENT 'Target database for cross-account data copy'
LOCATION 's3://cm-kasama-cross-account-dev-target-data/';

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.events_copy (
`id` int,
`product` string
)
PARTITIONED BY (
`dt` string,
`shard` int
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-target-data/events_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.sales_copy (
`id` int,
`product` string
)
PARTITIONED BY (
`dt` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-target-data/sales_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.returns_copy (
`id` int,
`product` string
)
PARTITIONED BY (
`dt` string
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-target-data/returns_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

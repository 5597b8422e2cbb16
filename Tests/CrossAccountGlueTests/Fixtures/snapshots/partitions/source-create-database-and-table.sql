CREATE DATABASE IF NOT EXISTS cm_kasama_cross_account_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://cm-kasama-cross-account-dev-data/cm_kasama_cross_account_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_db.events (
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
LOCATION 's3://cm-kasama-cross-account-dev-data/cm_kasama_cross_account_db/events/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

MSCK REPAIR TABLE cm_kasama_cross_account_db.events;

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_db.sales (
`id` int,
`product` string
)
PARTITIONED BY (
`dt` date
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-data/cm_kasama_cross_account_db/sales/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

MSCK REPAIR TABLE cm_kasama_cross_account_db.sales;

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_db.returns (
`id` int,
`product` string
)
PARTITIONED BY (
`dt` string
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-data/cm_kasama_cross_account_db/returns/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);

MSCK REPAIR TABLE cm_kasama_cross_account_db.returns;
